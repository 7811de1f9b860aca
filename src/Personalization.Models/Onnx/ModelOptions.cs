using System.ComponentModel.DataAnnotations;

namespace Personalization.Models.Onnx;

/// <summary>Where models live and how they run (configuration section <c>Models</c>).</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Models";

    /// <summary>
    /// Folders searched for model files, in order. The CLI fills it from <c>--models</c>,
    /// <c>PERSONALIZATION_MODELS</c>, then <c>../shared/models</c> and <c>./models</c>.
    /// </summary>
    public IList<string> Directories { get; } = [];

    /// <summary><c>cpu</c> (default) or <c>cuda</c>; CUDA needs a build with <c>-p:OnnxGpu=true</c>.</summary>
    [RegularExpression("^(cpu|cuda)$", ErrorMessage = "Models:ExecutionProvider must be 'cpu' or 'cuda'.")]
    public string ExecutionProvider { get; set; } = "cpu";

    public int CudaDeviceId { get; set; }

    /// <summary>Intra-op threads; 0 lets ONNX Runtime choose (one per core).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Folder for what is computed once per model and reused by later runs (the ImageNet label names' text vectors);
    /// empty: <c>personalize/cache</c> in the user's local application data folder. Unwritable: nothing is cached.
    /// </summary>
    public string CacheDirectory { get; set; } = string.Empty;

    /// <summary>Spinning threads waste the few cores of small machines; off is 2–4× faster on 2 cores.</summary>
    public bool AllowSpinning { get; set; }
}
