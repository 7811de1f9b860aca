using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Intake;
using Personalization.Core.Ports;

namespace Personalization.Core.Tests.Intake;

/// <summary>The one intake (issue 10): read, hash, reuse a stored analysis, analyse the rest, store; per-item failures.</summary>
public sealed class ImageIntakeTests
{
    private static readonly OwnerId Owner = OwnerId.Parse("alice");

    [Fact]
    public void ContentHash_IsSha256OfTheBytes_LowerCaseHex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Of("abc"u8));
        Assert.Equal(ContentHash.Length, ContentHash.Of([]).Length);
        Assert.True(ContentHash.Matches("abc"u8, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
        Assert.False(ContentHash.Matches("abd"u8, ContentHash.Of("abc"u8)));
        Assert.False(ContentHash.Matches("abc"u8, null));
    }

    [Fact]
    public async Task Intake_ReadsHashesAnalysesAndStores_WithPerItemFailures_AndReusesAStoredAnalysis()
    {
        var analyzer = new CountingAnalyzer();
        var store = new MemoryAnalysisStore();
        using var metrics = new PipelineMetrics();
        using var counts = new MetricCounts(metrics.Meter);
        var intake = new ImageIntake(analyzer, store, metrics);
        ImageSource Bytes(string id, string text) => ImageSource.FromBytes(id, Encoding.UTF8.GetBytes(text));

        var first = await intake.TakeInAsync(Owner, [
            Bytes("a.jpg", "photo a"),
            new ImageSource("gone.jpg", _ => throw new FileNotFoundException("no such file")),
            Bytes("bad.jpg", "undecodable"),
        ]);

        Assert.Equal(ContentHash.Of("photo a"u8), first[0].Analysis!.ContentHash);
        Assert.False(first[0].Reused);
        Assert.Equal("cannot read: no such file", first[1].Error);
        Assert.Equal("not an image", first[2].Error);
        Assert.NotNull(await store.GetAsync(Owner, ContentHash.Of("photo a"u8)));
        Assert.Equal(2, analyzer.Analysed); // the unreadable one never reaches the analyser

        var again = await intake.TakeInAsync(Owner, [Bytes("copy of a.jpg", "photo a")]);

        Assert.True(again[0].Reused);
        Assert.Equal("copy of a.jpg", again[0].Id);
        Assert.Equal(2, analyzer.Analysed); // the same bytes are not analysed twice
        Assert.Equal(2, counts.Of("personalization.images.processed"));
        Assert.Equal(2, counts.Of("personalization.items.failed"));
    }

    private sealed class CountingAnalyzer : IImageAnalyzer
    {
        private int _analysed;

        public int Analysed => _analysed;

        public string EncoderSpace => "test";

        public Task<IReadOnlyList<ImageAnalysisResult>> AnalyzeAsync(IReadOnlyList<ImageInput> images, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref _analysed, images.Count);
            return Task.FromResult<IReadOnlyList<ImageAnalysisResult>>([.. images.Select(i => Encoding.UTF8.GetString(i.Bytes.Span) == "undecodable"
                ? new ImageAnalysisResult(i.Id, null, "not an image")
                : new ImageAnalysisResult(i.Id, new ImageAnalysis(ContentHash.Of(i.Bytes.Span), 1, 1, [], [], []), null))]);
        }
    }

    private sealed class MemoryAnalysisStore : IImageAnalysisStore
    {
        private readonly ConcurrentDictionary<string, ImageAnalysis> _analyses = new();

        public Task PutAsync(OwnerId owner, ImageAnalysis analysis, CancellationToken cancellationToken = default)
        {
            _analyses[$"{owner}/{analysis.ContentHash}"] = analysis;
            return Task.CompletedTask;
        }

        public Task<ImageAnalysis?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default) =>
            Task.FromResult(_analyses.GetValueOrDefault($"{owner}/{contentHash}"));
    }

    /// <summary>The pipeline's counters as a listener sees them, scoped to one meter instance (other tests' are not counted).</summary>
    internal sealed class MetricCounts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _totals = new();

        public MetricCounts(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, t) => t + value));
            _listener.Start();
        }

        public long Of(string name) => _totals.GetValueOrDefault(name);

        public void Dispose() => _listener.Dispose();
    }
}
