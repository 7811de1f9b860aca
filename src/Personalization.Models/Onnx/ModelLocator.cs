using Microsoft.Extensions.Options;

namespace Personalization.Models.Onnx;

/// <summary>Finds model files in the configured folders, in order; the first folder that has the file wins.</summary>
public sealed class ModelLocator(IOptions<ModelOptions> options)
{
    private readonly IReadOnlyList<string> _directories = [.. options.Value.Directories];

    /// <param name="relativePath">Path under a models folder, e.g. <c>detectors/yolox_nano.onnx</c>.</param>
    public string Locate(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        if (Path.IsPathRooted(relativePath))
        {
            return File.Exists(relativePath)
                ? relativePath
                : throw new ModelNotFoundException($"model file '{relativePath}' does not exist");
        }

        foreach (var dir in _directories)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir, relativePath));
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var looked = _directories.Count == 0 ? "(no model folders configured)" : string.Join(", ", _directories.Select(Path.GetFullPath));
        throw new ModelNotFoundException(
            $"model file '{relativePath}' was not found; looked in: {looked}. " +
            "Set --models or PERSONALIZATION_MODELS to the folder that holds it, or run scripts/download-models.sh.");
    }

    public bool TryLocate(string relativePath, out string path)
    {
        try
        {
            path = Locate(relativePath);
            return true;
        }
        catch (ModelNotFoundException)
        {
            path = string.Empty;
            return false;
        }
    }
}
