using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Personalization.Core.Diagnostics;
using Personalization.Hosting;
using Personalization.TestSupport;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>
/// Telemetry through the Functions app's own composition (issue 10): nothing without APPLICATIONINSIGHTS_CONNECTION_STRING;
/// with it, a span per analysis stage of an upload and the images-processed count reach the exporters (here an in-memory
/// one beside the Azure Monitor exporter, whose endpoint is a closed loopback port).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TelemetryTests(SharedAzurite azurite)
{
    [AzuriteFact]
    public async Task NoConnectionString_BuildsNoTelemetry()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [AzuriteSharedFact]
    public async Task UploadedPhoto_WithAConnectionString_IsTracedPerStage_AndCounted()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var app = await FunctionsApp.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                [TelemetryHostExtensions.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
            },
            configure: b =>
            {
                b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
                b.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
            });
        var alice = Owners.Unique("alice");
        const string path = "trip/dog.jpg";
        var photo = await File.ReadAllBytesAsync(Path.Combine(SharedData.DreamBoothDirectory, "dog", "01.jpg"));

        var instanceId = BodyOf(await app.Api.SubmitImage(HttpRequests.Bytes(photo), alice, path, CancellationToken.None)).GetProperty("instance_id").GetString()!;
        await app.TriggerImageBlobAsync($"{alice}/{path}");
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a failure deadline only
        var done = await app.Durable.WaitForInstanceCompletionAsync(instanceId, patience.Token);
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush());
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var stages = spans.Where(s => s.Source.Name == PipelineMetrics.Name).Select(s => s.DisplayName).ToHashSet();
        Assert.Superset(new HashSet<string> { PipelineStages.Decode, PipelineStages.Detect, PipelineStages.Embed }, stages);
        Assert.True(Sum(metrics, "personalization.images.processed") >= 1);
        Assert.True(Sum(metrics, "personalization.recognitions") >= 1);
    }

    private static long Sum(IEnumerable<Metric> metrics, string name)
    {
        long total = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                total += point.GetSumLong();
            }
        }

        return total;
    }
}
