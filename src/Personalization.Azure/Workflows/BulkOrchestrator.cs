using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>
/// A bulk job: list the images (unless the request named them), fan out one batch sub-orchestration per
/// <see cref="BulkRequest.BatchSize"/> images, fan in as they finish while the custom status reports
/// done/failed/total, and write a summary blob. Nothing is lost: every input appears in the summary, as a
/// result or with the reason it failed. Redone after a crash (same instance id, <see cref="BulkRequest.ResultsSince"/>
/// set), it recognises only the images it had not answered yet, and writes the same summary blob.
/// </summary>
public sealed class BulkOrchestrator : TaskOrchestrator<BulkRequest, BulkSummary>
{
    public override async Task<BulkSummary> RunAsync(TaskOrchestrationContext context, BulkRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var paths = input.Blobs ?? await context.CallActivityAsync<IReadOnlyList<string>>(
            nameof(ListImages), new ListImagesInput(input.Owner, input.Prefix ?? string.Empty, int.MaxValue), ActivityRetry.Default);
        var total = paths.Count;
        context.SetCustomStatus(new BulkProgress(0, 0, total));

        var running = new List<Task<IReadOnlyList<BulkItem>>>();
        for (var start = 0; start < paths.Count; start += input.BatchSize)
        {
            var batch = paths.Skip(start).Take(input.BatchSize).ToList();
            var options = new SubOrchestrationOptions(ActivityRetry.Default, $"{context.InstanceId}-b{start / input.BatchSize}");
            running.Add(context.CallSubOrchestratorAsync<IReadOnlyList<BulkItem>>(OrchestrationNames.BulkBatch, new BulkBatchInput(input.Owner, batch, input.Thresholds, input.ResultsSince), options));
        }

        // Fan in in completion order, so progress moves as batches finish; the summary keeps input order.
        var byTask = running.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var results = new IReadOnlyList<BulkItem>[running.Count];
        int done = 0, failed = 0;
        while (byTask.Count > 0)
        {
            var finished = await Task.WhenAny(byTask.Keys);
            var index = byTask[finished];
            byTask.Remove(finished);
            try
            {
                results[index] = await finished;
            }
            catch (TaskFailedException e)
            {
                var batch = paths.Skip(index * input.BatchSize).Take(input.BatchSize);
                results[index] = [.. batch.Select(p => new BulkItem(p, null, null, null, null, $"batch failed: {e.FailureDetails.ErrorMessage}"))];
            }

            done += results[index].Count;
            failed += results[index].Count(i => i.Error is not null);
            context.SetCustomStatus(new BulkProgress(done, failed, total));
        }

        var items = results.SelectMany(r => r).ToList();
        var summaryBlob = await context.CallActivityAsync<string>(
            nameof(WriteBulkSummary), new BulkSummaryInput(input.Owner, context.InstanceId, items), ActivityRetry.Default);
        return new BulkSummary(input.Owner, total, total - failed, failed, summaryBlob);
    }
}
