using Azure.Search.Documents.Indexes;
using Microsoft.Extensions.Hosting;

namespace Personalization.Azure.Search;

/// <summary>Creates or updates both index schemas at start-up (idempotent), not while DI resolves.</summary>
public sealed class SearchIndexInitializer(SearchIndexClient indexes, SearchServiceOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await indexes.CreateOrUpdateIndexAsync(SearchSchemas.Concepts(options), cancellationToken: cancellationToken).ConfigureAwait(false);
        await indexes.CreateOrUpdateIndexAsync(SearchSchemas.Images(options), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
