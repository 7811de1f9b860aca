using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Personalization.Cli;

/// <summary>
/// Builds the service container for one command: configuration from appsettings.json, environment variables
/// (e.g. <c>Recognition__TopK=5</c>) and the global options, then the pipeline. This is the only place that
/// reads the environment.
/// </summary>
internal static class CliHost
{
    public static IHost Build(ParseResult parse, GlobalOptions globals, IReadOnlyDictionary<string, string?>? overrides = null, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environments.Production,
        });
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["LocalData:Directory"] = DataDirectory(parse.GetValue(globals.Data)),
        };
        var models = ModelDirectories(parse.GetValue(globals.Models));
        for (var i = 0; i < models.Count; i++)
        {
            settings[$"Models:Directories:{i}"] = models[i];
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A command's own services (the worker's Azure adapters) go first: the pipeline's embedded defaults only fill gaps.
        configure?.Invoke(builder);
        builder.AddPipeline();
        return builder.Build();
    }

    public static string DataDirectory(string? option) =>
        Path.GetFullPath(option ?? Environment.GetEnvironmentVariable("PERSONALIZATION_DATA") ?? "data");

    /// <summary>The models folders to search, in order.</summary>
    public static IReadOnlyList<string> ModelDirectories(string? option)
    {
        if (!string.IsNullOrEmpty(option))
        {
            return [Path.GetFullPath(option)];
        }

        if (Environment.GetEnvironmentVariable("PERSONALIZATION_MODELS") is { Length: > 0 } fromEnv)
        {
            return [Path.GetFullPath(fromEnv)];
        }

        var dirs = new List<string> { Path.GetFullPath(Path.Combine("..", "shared", "models")), Path.GetFullPath("models") };
        if (RepositoryRoot() is { } repo)
        {
            dirs.Add(Path.GetFullPath(Path.Combine(repo, "..", "shared", "models")));
            dirs.Add(Path.Combine(repo, "models"));
        }

        return [.. dirs.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The default dataset of the demo: ../shared/datasets/dreambooth from here or from the repository.</summary>
    public static string DefaultDataset()
    {
        var here = Path.GetFullPath(Path.Combine("..", "shared", "datasets", "dreambooth"));
        if (Directory.Exists(here) || RepositoryRoot() is not { } repo)
        {
            return here;
        }

        return Path.GetFullPath(Path.Combine(repo, "..", "shared", "datasets", "dreambooth"));
    }

    /// <summary>The checkout this binary was built in (the folder holding Serverless.sln), if any.</summary>
    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
