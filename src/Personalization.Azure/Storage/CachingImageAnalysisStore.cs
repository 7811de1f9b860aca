using System.Collections.Concurrent;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Azure.Storage;

/// <summary>
/// Keeps the most recent analyses in memory in front of another store. Safe because an analysis never changes:
/// its key is the content hash. Every chain activity loads the query's analysis, so without this one recognition
/// downloads and parses the same ~100 KB five times. Bounded (oldest evicted first); thread-safe.
/// </summary>
public sealed class CachingImageAnalysisStore(IImageAnalysisStore inner, int capacity = 256) : IImageAnalysisStore
{
    private readonly ConcurrentDictionary<(OwnerId, string), ImageAnalysis> _items = new();
    private readonly ConcurrentQueue<(OwnerId, string)> _order = new();

    public async Task PutAsync(OwnerId owner, ImageAnalysis analysis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        await inner.PutAsync(owner, analysis, cancellationToken).ConfigureAwait(false);
        Remember(owner, analysis);
    }

    public async Task<ImageAnalysis?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default)
    {
        if (_items.TryGetValue((owner, contentHash), out var cached))
        {
            return cached;
        }

        var loaded = await inner.GetAsync(owner, contentHash, cancellationToken).ConfigureAwait(false);
        if (loaded is not null)
        {
            Remember(owner, loaded);
        }

        return loaded;
    }

    private void Remember(OwnerId owner, ImageAnalysis analysis)
    {
        if (_items.TryAdd((owner, analysis.ContentHash), analysis))
        {
            _order.Enqueue((owner, analysis.ContentHash));
        }

        while (_items.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _items.TryRemove(oldest, out _);
        }
    }
}
