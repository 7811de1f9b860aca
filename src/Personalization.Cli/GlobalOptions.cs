using System.CommandLine;

namespace Personalization.Cli;

/// <summary>Options every command accepts: where data and models live, and configuration settings.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Data { get; } = new("--data")
    {
        Description = "Folder for the index and concept records (default: $PERSONALIZATION_DATA, else ./data).",
        Recursive = true,
    };

    public Option<string?> Models { get; } = new("--models")
    {
        Description = "Folder with the ONNX models (default: $PERSONALIZATION_MODELS, else ../shared/models, then ./models).",
        Recursive = true,
    };

    public Option<string[]> Settings { get; } = new("--set")
    {
        Description = "A configuration setting, KEY=VALUE (repeatable), over appsettings.json, local.settings.json and the environment; "
            + "e.g. --set Reasoning:Provider=ollama --set Reasoning:Model=qwen2.5vl:7b.",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Trace { get; } = new("--trace")
    {
        Description = "Print a line per pipeline stage (an OpenTelemetry span: decode, detect, embed, chain, …) to stderr; "
            + "with OTEL_EXPORTER_OTLP_ENDPOINT set, spans and metrics also go to that collector.",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Data);
        root.Options.Add(Models);
        root.Options.Add(Settings);
        root.Options.Add(Trace);
    }
}
