using Microsoft.Extensions.Options;
using Personalization.Models.Detection;
using Personalization.TestSupport;

namespace Personalization.Models.Tests.Detection;

/// <summary>One YOLOX-Nano session for a test class, created on first use (so a class skipped for want of ../shared loads nothing).</summary>
public sealed class YoloxFixture : IDisposable
{
    private readonly Lazy<YoloxDetector> _detector = new(() => new YoloxDetector(OnnxModels.Factory(), Options.Create(new DetectionOptions())));

    public YoloxDetector Detector => SharedData.IsAvailable ? _detector.Value : throw new InvalidOperationException("needs ../shared");

    public void Dispose()
    {
        if (_detector.IsValueCreated)
        {
            _detector.Value.Dispose();
        }
    }
}
