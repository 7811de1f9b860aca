using Personalization.Core.Domain;
using Personalization.Local.Storage;
using static Personalization.Local.Tests.TestConcepts;

namespace Personalization.Local.Tests.Storage;

public sealed class InMemoryImageAnalysisStoreTests
{
    [Fact]
    public async Task GetAsync_AfterPut_ReturnsItForThatOwnerOnly()
    {
        var store = new InMemoryImageAnalysisStore();
        var analysis = Analysis("hash-1", width: 640);

        await store.PutAsync(Alice, analysis);

        Assert.Same(analysis, await store.GetAsync(Alice, "hash-1"));
        Assert.Null(await store.GetAsync(Bob, "hash-1"));
        Assert.Null(await store.GetAsync(Alice, "hash-2"));
    }

    [Fact]
    public async Task PutAsync_SameHashTwice_KeepsTheLatest()
    {
        var store = new InMemoryImageAnalysisStore();
        await store.PutAsync(Alice, Analysis("hash-1", width: 640));
        await store.PutAsync(Alice, Analysis("hash-1", width: 320));

        Assert.Equal(320, (await store.GetAsync(Alice, "hash-1"))!.Width);
    }

    private static ImageAnalysis Analysis(string hash, int width) => new(hash, width, 480, [], [], []);
}
