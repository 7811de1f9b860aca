namespace Personalization.Cli.Tests.Packaging;

/// <summary>A fact that is skipped, with the reason, when no <c>dotnet</c> executable is on PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DotnetFactAttribute : FactAttribute
{
    public DotnetFactAttribute()
    {
        if (DotnetOnPath() is null)
        {
            Skip = "needs the dotnet command (the .NET SDK) on PATH to pack and install the tool";
        }
    }

    /// <summary>The full path of <c>dotnet</c> found on PATH, or null.</summary>
    public static string? DotnetOnPath()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
