using Microsoft.Extensions.Options;
using Personalization.Core.Diagnostics;
using Personalization.Models.Analysis;
using Personalization.Models.Detection;
using Personalization.Models.Encoders;
using Personalization.TestSupport;

namespace Personalization.Models.Tests.Analysis;

/// <summary>The whole ONNX perception pipeline (YOLOX, MobileNetV2, MiniLM label bridge) for a test class, built on first use.</summary>
public sealed class AnalyzerFixture : IDisposable
{
    private readonly MiniLmTextEncoder _text = new(OnnxModels.Factory());
    private readonly Lazy<OnnxImageAnalyzer> _analyzer;

    public AnalyzerFixture()
    {
        _analyzer = new(() => new OnnxImageAnalyzer(
            OnnxModels.Factory(),
            OnnxModels.Decoder(),
            _text,
            Options.Create(new DetectionOptions()),
            Options.Create(new EncoderOptions()),
            Options.Create(new Personalization.Models.Clip.ClipOptions()),
            Timings));
    }

    public StageTimings Timings { get; } = new();

    public OnnxImageAnalyzer Analyzer => SharedData.IsAvailable ? _analyzer.Value : throw new InvalidOperationException("needs ../shared");

    public void Dispose()
    {
        if (_analyzer.IsValueCreated)
        {
            _analyzer.Value.Dispose();
        }

        _text.Dispose();
    }
}
