using System.Collections.Concurrent;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// The bytes of the images being recognised right now, over the persistent store (which holds the references).
/// Query images are already in memory while their chain runs; keeping them here avoids writing every uploaded
/// photo to the store just so a VLM can look at it. One instance per recognition run.
/// </summary>
internal sealed class QueryImageOverlay(IImageStore? persistent) : IImageStore
{
    private readonly ConcurrentDictionary<(OwnerId, string), ReadOnlyMemory<byte>> _current = new();

    public Task PutAsync(OwnerId owner, string contentHash, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        _current[(owner, contentHash)] = bytes;
        return Task.CompletedTask;
    }

    public async Task<ReadOnlyMemory<byte>?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default) =>
        _current.TryGetValue((owner, contentHash), out var bytes)
            ? bytes
            : persistent is null ? null : await persistent.GetAsync(owner, contentHash, cancellationToken).ConfigureAwait(false);

    /// <summary>Drops a query image from the overlay only; the persistent store is not this run's to change.</summary>
    public Task<bool> DeleteAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_current.TryRemove((owner, contentHash), out _));

    public void Forget(OwnerId owner, string contentHash) => _current.TryRemove((owner, contentHash), out _);
}
