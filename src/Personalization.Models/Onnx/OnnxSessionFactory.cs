using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Personalization.Models.Onnx;

/// <summary>
/// Creates inference sessions with the configured execution provider and threading. The caller owns
/// (and disposes) every session and options object it gets.
/// </summary>
public sealed class OnnxSessionFactory(IOptions<ModelOptions> options, ModelLocator locator)
{
    private readonly ModelOptions _options = options.Value;

    public ModelLocator Locator { get; } = locator;

    public InferenceSession Create(string relativePath)
    {
        var path = Locator.Locate(relativePath);
        using var sessionOptions = CreateOptions();
        return new InferenceSession(path, sessionOptions);
    }

    public InferenceSession Create(byte[] model)
    {
        using var sessionOptions = CreateOptions();
        return new InferenceSession(model, sessionOptions);
    }

    /// <summary>New session options; the caller disposes them.</summary>
    public SessionOptions CreateOptions()
    {
        var so = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        try
        {
            if (_options.IntraOpThreads > 0)
            {
                so.IntraOpNumThreads = _options.IntraOpThreads;
            }

            so.AddSessionConfigEntry("session.intra_op.allow_spinning", _options.AllowSpinning ? "1" : "0");
            so.AddSessionConfigEntry("session.inter_op.allow_spinning", _options.AllowSpinning ? "1" : "0");
            if (string.Equals(_options.ExecutionProvider, "cuda", StringComparison.OrdinalIgnoreCase))
            {
#if ONNX_GPU
                so.AppendExecutionProvider_CUDA(_options.CudaDeviceId);
#else
                throw new InvalidOperationException(
                    "Models:ExecutionProvider is 'cuda' but this build has the CPU ONNX Runtime; rebuild with -p:OnnxGpu=true.");
#endif
            }

            return so;
        }
        catch
        {
            so.Dispose();
            throw;
        }
    }
}
