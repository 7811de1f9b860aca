using System.Threading.Channels;
using Personalization.Azure.Http;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;

namespace Personalization.Cli.Serve;

/// <summary>
/// <c>serve</c>'s <see cref="IPreferenceJobs"/>: a validated request waits on a bounded channel for
/// <see cref="PreferenceQueueWorker"/>. Its id is the cloud's (<see cref="InstanceIds.Preference"/>): a request
/// resent with the same id starts nothing new. Thread-safe.
/// </summary>
internal sealed class PreferenceQueue(LocalJobs jobs) : IPreferenceJobs
{
    private readonly Channel<(string InstanceId, PreferenceRequest Request)> _channel =
        Channel.CreateBounded<(string, PreferenceRequest)>(new BoundedChannelOptions(16) { SingleReader = true });

    public ChannelReader<(string InstanceId, PreferenceRequest Request)> Reader => _channel.Reader;

    public async Task<string> StartAsync(PreferenceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = InstanceIds.Preference(request.Owner, request.RequestId);
        if (jobs.TryStart(id, request.Owner, $"owners/{request.Owner}/preferences/{request.RequestId}"))
        {
            try
            {
                await _channel.Writer.WriteAsync((id, request), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                jobs.Mark(id, JobStates.Failed, error: "not queued: the request was cancelled");
                throw;
            }
        }

        return id;
    }
}
