using System.Threading.Channels;
using Personalization.Azure.Http;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;

namespace Personalization.Cli.Serve;

/// <summary>
/// <c>serve</c>'s <see cref="IPhotoSubmissions"/>: a submitted photo is stored under the owner's uploads and queued on a
/// bounded channel that <see cref="RecognitionQueueWorker"/> drains (a full queue makes the upload wait, so memory stays
/// bounded: the queue holds paths, not bytes). Job ids are the cloud's (<see cref="InstanceIds.Recognition"/>): the
/// same bytes at the same path queued or done already start nothing new; their status is in <see cref="LocalJobs"/>.
/// Thread-safe.
/// </summary>
internal sealed class RecognitionQueue(ServeDataPaths paths, LocalJobs jobs) : IPhotoSubmissions
{
    public const int Capacity = 64;

    private readonly Channel<QueuedPhoto> _channel = Channel.CreateBounded<QueuedPhoto>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    public ChannelReader<QueuedPhoto> Reader => _channel.Reader;

    public async Task<string> SubmitAsync(OwnerId owner, string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var id = InstanceIds.Recognition(owner, path, Core.Domain.ContentHash.Of(bytes.Span));
        if (!jobs.TryStart(id, owner, $"owners/{owner}/results/{path}"))
        {
            return id; // queued, running or done already
        }

        try
        {
            await AtomicFile.WriteAsync(paths.Upload(owner, path), bytes, cancellationToken).ConfigureAwait(false);
            await _channel.Writer.WriteAsync(new QueuedPhoto(id, owner, path), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Never queued (the client went away while the queue was full, or the file could not be written): the job is
            // failed, so the same upload sent again starts it anew instead of finding it pending for ever.
            jobs.Mark(id, JobStates.Failed, error: $"not queued: {e.Message}");
            throw;
        }

        return id;
    }
}
