using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalization.Azure.Http;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;

namespace Personalization.Cli.Serve;

/// <summary>
/// Drains <see cref="PreferenceQueue"/> in process, in the order of the preference orchestration (predict the profile, then
/// judge every pair, then write the verdicts) with the same <see cref="PreferenceSteps"/> its activities call; the result JSON
/// has the cloud's shape and is read back by <c>GET owners/{owner}/preferences/{request_id}</c>.
/// </summary>
internal sealed partial class PreferenceQueueWorker(
    PreferenceQueue queue, LocalJobs jobs, PreferenceSteps steps, ServeDataPaths paths, ILogger<PreferenceQueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (id, request) in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                jobs.Mark(id, JobStates.Running);
                try
                {
                    await JudgeAsync(request, stoppingToken).ConfigureAwait(false);
                    jobs.Mark(id, JobStates.Completed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One request's failure is that job's status, said once in the log; the server and the queue go on.
                    Log.JobFailed(logger, request.Owner.Value, request.RequestId, e.Message);
                    jobs.Mark(id, JobStates.Failed, error: e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: requests still queued are dropped with the process
        }
    }

    private async Task JudgeAsync(PreferenceRequest request, CancellationToken cancellationToken)
    {
        var profile = await steps.PredictProfileAsync(new PredictProfileInput(request.Owner, request.Liked, request.Disliked), cancellationToken).ConfigureAwait(false);
        var outcomes = new List<PairOutcome>(request.Pairs.Count);
        foreach (var pair in request.Pairs)
        {
            outcomes.Add(profile.Error is { } error
                ? new PairOutcome(pair, null, $"no profile: {error}")
                : await steps.AssessPairAsync(new AssessPairInput(request.Owner, pair), cancellationToken).ConfigureAwait(false));
        }

        var document = PreferenceSteps.ResultDocument(new PreferenceResultInput(request.Owner, request.RequestId, profile, outcomes));
        var path = paths.Result(request.Owner, PreferenceEndpoints.ResultPath(request.RequestId));
        await AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(document, StorageJson.Documents), cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Preference request {Owner}/{RequestId} failed: {Reason}")]
        public static partial void JobFailed(ILogger logger, string owner, string requestId, string reason);
    }
}
