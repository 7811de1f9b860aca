using System.CommandLine;

namespace Personalization.Cli;

/// <summary>Options every command accepts: where data and models live.</summary>
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

    public void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Data);
        root.Options.Add(Models);
    }
}
