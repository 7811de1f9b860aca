using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalization.Hosting;

namespace Personalization.Cli;

/// <summary>
/// Builds the service container for one command: configuration from appsettings.json, local.settings.json (its
/// <c>Values</c>, as the Functions host reads them), environment variables (e.g. <c>Recognition__TopK=5</c>,
/// <c>Reasoning__Provider=ollama</c>), <c>--set KEY=VALUE</c> and the global options, later sources winning; then
/// the pipeline. This is the only place that reads the environment.
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
        Configure(builder, parse, globals, overrides, configure);
        var host = builder.Build();
        // Most commands never start the host, so the tracer is built here (when telemetry is on at all), not by its hosted service.
        _ = host.Services.GetService<OpenTelemetry.Trace.TracerProvider>();
        return host;
    }

    /// <summary>
    /// The same composition on a builder the caller made (<c>serve</c>'s <c>WebApplicationBuilder</c>): configuration,
    /// logging, the command's own services, then the pipeline.
    /// </summary>
    public static void Configure(IHostApplicationBuilder builder, ParseResult parse, GlobalOptions globals, IReadOnlyDictionary<string, string?>? overrides = null, Action<IHostApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["LocalData:Directory"] = DataDirectory(parse.GetValue(globals.Data)),
        };
        var models = ModelDirectories(parse.GetValue(globals.Models));
        for (var i = 0; i < models.Count; i++)
        {
            settings[$"Models:Directories:{i}"] = models[i];
        }

        if (parse.GetValue(globals.Trace))
        {
            settings["Telemetry:Console"] = "true";
        }

        var setKeys = new List<string>();
        foreach (var setting in parse.GetValue(globals.Settings) ?? [])
        {
            var split = setting.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new InvalidDataException($"--set '{setting}' is not KEY=VALUE");
            }

            var key = setting[..split].Trim().Replace("__", ":", StringComparison.Ordinal);
            settings[key] = setting[(split + 1)..];
            setKeys.Add(key);
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        AddLocalSettings(builder.Configuration, Path.Combine(builder.Environment.ContentRootPath, "local.settings.json"));
        builder.Configuration.AddInMemoryCollection(settings);
        SettingKeys.Check(builder.Configuration, setKeys);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The chat client's own logging writes a stack trace for every failed model call; the reasoner already says
        // "offline fallback (why)" in one line and in the result, so on a terminal only that line is shown.
        builder.Logging.AddFilter("Microsoft.Extensions.AI", LogLevel.None);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A command's own services (the worker's Azure adapters) go first: the pipeline's embedded defaults only fill gaps.
        configure?.Invoke(builder);
        builder.AddPersonalization();
    }

    /// <summary>local.settings.json's <c>Values</c> (keys with <c>__</c> or <c>:</c>), below the environment variables.</summary>
    private static void AddLocalSettings(IConfigurationManager configuration, string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        Dictionary<string, string?> values;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            values = document.RootElement.TryGetProperty("Values", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Object
                ? v.EnumerateObject().ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.ToString(), StringComparer.OrdinalIgnoreCase)
                : [];
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }

        var sources = ((IConfigurationBuilder)configuration).Sources;
        var environment = sources.ToList().FindLastIndex(s => s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values };
        if (environment >= 0)
        {
            sources.Insert(environment, source);
        }
        else
        {
            sources.Add(source);
        }
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

    /// <summary>../shared/images beside the default DreamBooth folder, if it is there.</summary>
    public static string? DefaultImages()
    {
        var images = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(DefaultDataset())!)!, "images");
        return Directory.Exists(images) ? images : null;
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
