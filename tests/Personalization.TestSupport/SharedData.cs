namespace Personalization.TestSupport;

/// <summary>
/// Finds <c>../shared</c> (models, DreamBooth, photos) beside the checkout. Tests that need it call
/// <see cref="RequireDirectory"/>, which skips with a clear message when it is absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    public static string? RootOrNull => Root.Value;

    public static bool IsAvailable => Root.Value is not null;

    public static string ModelsDirectory => Path.Combine(RequireRoot(), "models");

    public static string DreamBoothDirectory => Path.Combine(RequireRoot(), "datasets", "dreambooth");

    public static string ImagesDirectory => Path.Combine(RequireRoot(), "images");

    public static string Image(string name) => Path.Combine(ImagesDirectory, name);

    public static string Model(string relative) => Path.Combine(ModelsDirectory, relative);

    public static string RequireRoot() =>
        Root.Value ?? throw new DirectoryNotFoundException("../shared (models and datasets) was not found beside the checkout; set PERSONALIZATION_SHARED to its path.");

    private static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PERSONALIZATION_SHARED");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(Path.Combine(fromEnv, "models")))
        {
            return Path.GetFullPath(fromEnv);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "models")) && Directory.Exists(Path.Combine(candidate, "datasets")))
            {
                return candidate;
            }
        }

        return null;
    }
}
