using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Azure.Handlers;
using Personalization.Azure.Storage;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Worker;

/// <summary>
/// The local stand-in for the blob triggers: polls the <c>concepts</c> and <c>images</c> containers and hands each
/// new or changed blob (by ETag) to the same handlers the Functions triggers call; concepts first, so a reference
/// photo uploaded with a query photo is enrolled before the query is recognised. New images go to the handler in
/// batches (one detector/encoder batch). A handler failure is retried on the next polls, then given up with an error.
/// What was seen is kept in memory: after a restart everything is offered again, which the handlers make harmless
/// (analyses are keyed by content hash, results are overwritten with the same content).
/// </summary>
internal sealed partial class BlobWatcher(
    StorageClients storage,
    ConceptBlobHandler concepts,
    ImageBlobHandler images,
    DurableTaskClient client,
    IOptions<WorkerOptions> options,
    IOptions<RecognitionOptions> recognition,
    ILogger<BlobWatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, ETag> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly WorkerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = await PollConceptsAsync(stoppingToken).ConfigureAwait(false);
            busy |= await PollImagesAsync(stoppingToken).ConfigureAwait(false);
            if (!busy)
            {
                await Task.Delay(_options.PollMilliseconds, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> PollConceptsAsync(CancellationToken cancellationToken)
    {
        var fresh = await NewBlobsAsync(storage.Concepts, cancellationToken).ConfigureAwait(false);
        foreach (var (name, etag) in fresh)
        {
            await TryAsync("concepts", [(name, etag)], async () =>
            {
                var outcome = await concepts.HandleAsync(name, cancellationToken).ConfigureAwait(false);
                if (outcome?.Concept is { } c)
                {
                    Log.Enrolled(logger, c.Owner.Value, c.Name.Value, name);
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        return fresh.Count > 0;
    }

    private async Task<bool> PollImagesAsync(CancellationToken cancellationToken)
    {
        var fresh = await NewBlobsAsync(storage.Images, cancellationToken).ConfigureAwait(false);
        foreach (var batch in fresh.Chunk(recognition.Value.ImageBatch))
        {
            await TryAsync("images", batch, async () =>
            {
                var started = await images.HandleAsync([.. batch.Select(b => b.Name)], client, cancellationToken).ConfigureAwait(false);
                Log.Started(logger, started.Count, batch.Length);
            }, cancellationToken).ConfigureAwait(false);
        }

        return fresh.Count > 0;
    }

    private async Task<List<(string Name, ETag ETag)>> NewBlobsAsync(global::Azure.Storage.Blobs.BlobContainerClient container, CancellationToken cancellationToken)
    {
        var fresh = new List<(string, ETag)>();
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var key = $"{container.Name}/{item.Name}";
            if (item.Properties.ETag is { } etag && (!_seen.TryGetValue(key, out var seen) || seen != etag))
            {
                fresh.Add((item.Name, etag));
            }
        }

        return fresh;
    }

    private async Task TryAsync(string container, IReadOnlyList<(string Name, ETag ETag)> blobs, Func<Task> handle, CancellationToken cancellationToken)
    {
        try
        {
            await handle().ConfigureAwait(false);
            Mark(container, blobs);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var key = $"{container}/{blobs[0].Name}";
            var attempts = _failures[key] = _failures.GetValueOrDefault(key) + 1;
            Log.HandlerFailed(logger, container, blobs[0].Name, blobs.Count, attempts, e);
            if (attempts >= _options.MaxAttempts)
            {
                Mark(container, blobs);
            }
        }
    }

    private void Mark(string container, IReadOnlyList<(string Name, ETag ETag)> blobs)
    {
        foreach (var (name, etag) in blobs)
        {
            _seen[$"{container}/{name}"] = etag;
            _failures.Remove($"{container}/{name}");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Enrolled <{Concept}> for {Owner} from {BlobName}")]
        public static partial void Enrolled(ILogger logger, string owner, string concept, string blobName);

        [LoggerMessage(2, LogLevel.Information, "Started or found {Started} recognitions for {Count} new images")]
        public static partial void Started(ILogger logger, int started, int count);

        [LoggerMessage(3, LogLevel.Error, "Handling {Container}/{BlobName} (+{Count} in its batch) failed, attempt {Attempt}")]
        public static partial void HandlerFailed(ILogger logger, string container, string blobName, int count, int attempt, Exception exception);
    }
}
