using Personalization.TestSupport;

namespace Personalization.Functions.Tests;

/// <summary>
/// One Azurite for the HTTP API tests, started on first use (so skipped tests start nothing) and stopped after the
/// last. Each test gets its own containers and queues from <see cref="FunctionsApp"/>, so sharing it mixes no data.
/// </summary>
public sealed class SharedAzurite : IAsyncDisposable
{
    private readonly Lazy<Task<Azurite>> _azurite = new(() => Azurite.StartAsync());

    public Task<Azurite> GetAsync() => _azurite.Value;

    public async ValueTask DisposeAsync()
    {
        if (_azurite.IsValueCreated)
        {
            await (await _azurite.Value).DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<SharedAzurite>
{
    public const string Name = "Azurite";
}
