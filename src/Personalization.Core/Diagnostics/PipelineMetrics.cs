using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Personalization.Core.Diagnostics;

/// <summary>
/// The pipeline's OpenTelemetry instruments, under the meter and activity source <see cref="Name"/>: images taken in
/// (<c>personalization.images.processed</c>), failed items (<c>personalization.items.failed</c>, tagged with where they
/// failed), recognitions, and each stage's latency (<c>personalization.stage.duration</c>, the spans of
/// <see cref="StageTimings"/>). Without a listener (no exporter configured) every call is a no-op. Thread-safe.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string Name = "Personalization";

    /// <summary>The spans of each stage (<c>detect</c>, <c>embed</c>, <c>chain</c>, …) and of each activity of the workflows.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _recognised;
    private readonly Histogram<double> _stage;

    public PipelineMetrics(IMeterFactory? meters = null)
    {
        _meter = meters?.Create(Name) ?? new Meter(Name);
        _processed = _meter.CreateCounter<long>("personalization.images.processed", "{image}", "Images taken in: read, hashed, analysed (or their stored analysis reused).");
        _failed = _meter.CreateCounter<long>("personalization.items.failed", "{item}", "Items that failed: unreadable or undecodable images, failed recognitions, bulk items.");
        _recognised = _meter.CreateCounter<long>("personalization.recognitions", "{image}", "Recognitions completed (a result written).");
        _stage = _meter.CreateHistogram<double>("personalization.stage.duration", "ms", "Wall time of one pipeline stage for one batch.");
    }

    /// <summary>The meter the instruments belong to (a listener can scope itself to this instance).</summary>
    public Meter Meter => _meter;

    /// <summary>One image through the intake: processed, or failed at <c>intake</c>.</summary>
    public void ImageTakenIn(bool succeeded)
    {
        if (succeeded)
        {
            _processed.Add(1);
        }
        else
        {
            Failed("intake");
        }
    }

    /// <summary>A failed item; <paramref name="stage"/> says where (intake, recognition, bulk, preference).</summary>
    public void Failed(string stage) => _failed.Add(1, new KeyValuePair<string, object?>("stage", stage));

    public void Recognised() => _recognised.Add(1);

    public void StageTook(string stage, TimeSpan elapsed) =>
        _stage.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("stage", stage));

    public void Dispose() => _meter.Dispose();
}
