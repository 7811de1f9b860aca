using System.Globalization;
using System.Reflection;

namespace Personalization.Models.Onnx;

/// <summary>Stable names for a model, for caches of what it computes: they change when the model does.</summary>
public static class ModelIdentity
{
    /// <summary>A model file: its full path, size and last write time (hashing a 250 MB model on every start would cost more than the cache saves).</summary>
    public static string Of(string modelFile)
    {
        var file = new FileInfo(modelFile);
        return string.Create(CultureInfo.InvariantCulture, $"file:{file.FullName}:{file.Length}:{file.LastWriteTimeUtc.Ticks}");
    }

    /// <summary>A model embedded in an assembly: the assembly's name, version and module id (new with every build of it).</summary>
    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return $"assembly:{assembly.GetName().Name}:{assembly.GetName().Version}:{assembly.ManifestModule.ModuleVersionId:N}";
    }
}
