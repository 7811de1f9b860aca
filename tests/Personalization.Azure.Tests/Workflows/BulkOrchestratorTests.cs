using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Tests.Workflows;

/// <summary>The bulk fan-out/fan-in (bulk → batches → recognitions) run for real, with scripted activities.</summary>
public sealed class BulkOrchestratorTests
{
    private static readonly OwnerId Carol = OwnerId.Parse("carol");
    private static readonly ChainThresholds Thresholds = new(3, 10, 0.3f, 0.58f, 0.64f, 0.5f);

    [Fact]
    public async Task RunAsync_CorruptImageAndFailingRecognition_ReportsBothAndLosesNothing()
    {
        var script = new RecognitionOrchestratorTests.ChainScript("bo", "bo", []);
        var summaries = new ConcurrentBag<BulkSummaryInput>();
        await using var host = await DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddOrchestrator<BulkOrchestrator>(OrchestrationNames.BulkRecognize)
                .AddOrchestrator<BulkBatchOrchestrator>(OrchestrationNames.BulkBatch)
                .AddOrchestrator<RecognitionOrchestrator>(OrchestrationNames.RecognizeImage);
            script.Register(registry);
            registry.AddActivityFunc<ListImagesInput, IReadOnlyList<string>>(nameof(ListImages), (_, input) =>
                ["trip/1.jpg", "trip/2.jpg", "trip/bad.jpg", "trip/4.jpg", "trip/boom.jpg"]);
            registry.AddActivityFunc<AnalyzeImagesInput, IReadOnlyList<IngestedImage>>(nameof(AnalyzeImages), (_, input) =>
                [.. input.Paths.Select(p => p.EndsWith("bad.jpg", StringComparison.Ordinal)
                    ? new IngestedImage(p, null, "not a supported image format")
                    : new IngestedImage(p, p.EndsWith("boom.jpg", StringComparison.Ordinal) ? "boom" : "h-" + p, null))]);
            registry.AddActivityFunc<BulkSummaryInput, string>(nameof(WriteBulkSummary), (_, input) =>
            {
                summaries.Add(input);
                return $"{input.Owner}/_bulk/{input.InstanceId}.json";
            });
        });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var request = new BulkRequest(Carol, "trip/", null, BatchSize: 2, Thresholds);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.BulkRecognize, request, timeout.Token);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var summary = metadata.ReadOutputAs<BulkSummary>()!;
        Assert.Equal((5, 3, 2), (summary.Total, summary.Succeeded, summary.Failed));
        Assert.Equal(new BulkProgress(5, 2, 5), metadata.ReadCustomStatusAs<BulkProgress>());
        var items = Assert.Single(summaries).Items;
        Assert.Equal(["trip/1.jpg", "trip/2.jpg", "trip/bad.jpg", "trip/4.jpg", "trip/boom.jpg"], items.Select(i => i.Path));
        Assert.Contains("not a supported image format", items[2].Error, StringComparison.Ordinal);
        Assert.Contains("recognition failed", items[4].Error, StringComparison.Ordinal);
        Assert.All(new[] { items[0], items[1], items[3] }, i => Assert.Equal("bo", i.Concept));
    }
}
