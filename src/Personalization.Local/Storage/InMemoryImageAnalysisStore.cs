using System.Collections.Concurrent;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Local.Storage;

/// <summary>Keeps analyses in process memory for the length of a run. Thread-safe.</summary>
public sealed class InMemoryImageAnalysisStore : IImageAnalysisStore
{
    private readonly ConcurrentDictionary<(OwnerId, string), ImageAnalysis> _items = new();

    public Task PutAsync(OwnerId owner, ImageAnalysis analysis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        _items[(owner, analysis.ContentHash)] = analysis;
        return Task.CompletedTask;
    }

    public Task<ImageAnalysis?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.TryGetValue((owner, contentHash), out var a) ? a : null);
}
