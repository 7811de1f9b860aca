using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Serve;

/// <summary>
/// Drains <see cref="RecognitionQueue"/>: recognises each photo in process with the same <see cref="RecognitionService"/> as
/// <c>personalize recognize</c>, writes its result JSON (the cloud's shape, <see cref="StorageJson.Documents"/>; a photo that
/// cannot be recognised gets a <see cref="FailedImageResult"/>, as in the cloud) and records the concepts found in the image
/// index. A job that fails is marked failed with its one-line reason and the queue goes on.
/// </summary>
internal sealed partial class RecognitionQueueWorker(
    RecognitionQueue queue, LocalJobs jobs, RecognitionService recognition, IImageIndex images, ServeDataPaths paths, ILogger<RecognitionQueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var photo in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                jobs.Mark(photo.InstanceId, JobStates.Running);
                try
                {
                    var (concept, error) = await RecognizeAsync(photo, stoppingToken).ConfigureAwait(false);
                    jobs.Mark(photo.InstanceId, error is null ? JobStates.Completed : JobStates.Failed, concept, error);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One photo's failure is that job's status, said once in the log; the server and the queue go on.
                    Log.JobFailed(logger, photo.Owner.Value, photo.Path, e.Message);
                    jobs.Mark(photo.InstanceId, JobStates.Failed, error: e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: what is still queued is dropped with the process (its photos stay in uploads/)
        }
    }

    private async Task<(string? Concept, string? Error)> RecognizeAsync(QueuedPhoto photo, CancellationToken cancellationToken)
    {
        var bytes = await AtomicFile.ReadAsync(paths.Upload(photo.Owner, photo.Path), cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, "the photo was removed before it was recognised");
        }

        IReadOnlyList<RecognitionOutcome> outcomes;
        try
        {
            outcomes = await recognition.RecognizeAsync(photo.Owner, [ImageSource.FromBytes(photo.Path, bytes)], null, cancellationToken).ConfigureAwait(false);
        }
        catch (UnknownOwnerException e)
        {
            return (null, e.Message);
        }

        var outcome = outcomes[0];
        if (outcome.Result is null)
        {
            var failed = FailedImageResult.For(photo.Owner, photo.Path, outcome.Error ?? "not recognised");
            await WriteResultAsync(photo, failed, cancellationToken).ConfigureAwait(false);
            return (null, failed.Error);
        }

        await WriteResultAsync(photo, ResultDocument.From(outcome), cancellationToken).ConfigureAwait(false);
        await images.UpsertRecognizedAsync(photo.Owner, outcomes, cancellationToken).ConfigureAwait(false);
        return (outcome.Result.Concept?.Value, null);
    }

    private Task WriteResultAsync<T>(QueuedPhoto photo, T document, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(paths.Result(photo.Owner, photo.Path), JsonSerializer.SerializeToUtf8Bytes(document, StorageJson.Documents), cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Recognising {Owner}/{Path} failed: {Reason}")]
        public static partial void JobFailed(ILogger logger, string owner, string path, string reason);
    }
}
