using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Index;
using Personalization.Local.Storage;
using static Personalization.Local.Tests.TestConcepts;

namespace Personalization.Local.Tests.Index;

/// <summary>The embedded index's read-modify-write: nothing another writer adds between a read and a write is lost.</summary>
public sealed class ConceptUpdateTests : IDisposable
{
    private static readonly ConceptName Cat = ConceptName.Parse("cat");
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task UpdateAsync_SecondWriterWhileTheFirstIsChanging_SeesWhatTheFirstWrote()
    {
        using var first = NewIndex();
        using var second = NewIndex();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Concept? secondSaw = null;

        var one = ((IConceptIndex)first).UpdateAsync(Alice, Cat, async (existing, _) =>
        {
            entered.SetResult();
            await release.Task;
            return WithReferences(existing, "aa01");
        });
        await entered.Task;
        var two = ((IConceptIndex)second).UpdateAsync(Alice, Cat, (existing, _) =>
        {
            secondSaw = existing;
            return Task.FromResult<Concept?>(WithReferences(existing, "bb02"));
        });
        release.SetResult();
        await Task.WhenAll(one, two);

        Assert.Equal(["aa01"], secondSaw!.References.Select(r => r.ContentHash));
        using var fresh = NewIndex();
        Assert.Equal(["aa01", "bb02"], Assert.Single(await fresh.ListAsync(Alice)).References.Select(r => r.ContentHash));
    }

    [Fact]
    public async Task UpdateAsync_ChangeWritesNothing_LeavesTheFileAlone()
    {
        using var index = NewIndex();
        await index.UpsertAsync(WithReferences(null, "aa01"));
        var file = Path.Combine(_data.Path, "owners", "alice", "concepts.manifest.json");
        var before = await File.ReadAllBytesAsync(file);

        var written = await ((IConceptIndex)index).UpdateAsync(Alice, Cat, (_, _) => Task.FromResult<Concept?>(null));

        Assert.Null(written);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }

    // Another process holds the owner's lock file and never lets go: the update waits, without calling its change,
    // until it is cancelled.
    [Fact]
    public async Task UpdateAsync_LockHeldByAnotherProcess_WaitsUntilCancelledAndChangesNothing()
    {
        var lockFile = Path.Combine(_data.Path, "owners", "alice", "concepts.json.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        await using var held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var index = NewIndex();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var called = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ((IConceptIndex)index).UpdateAsync(Alice, Cat, (existing, _) =>
        {
            called = true;
            return Task.FromResult<Concept?>(WithReferences(existing, "aa01"));
        }, cancel.Token));

        Assert.False(called);
        Assert.False(File.Exists(Path.Combine(_data.Path, "owners", "alice", "concepts.manifest.json")));
        Assert.False(File.Exists(Path.Combine(_data.Path, "owners", "alice", "concepts.json")));
    }

    // Forget decides which photos are unused in afterDelete: an enrolment of another index instance (another process)
    // that starts meanwhile waits until it is done, and afterDelete sees the concepts as they are without the deleted one.
    [Fact]
    public async Task DeleteAsync_AfterDelete_RunsAfterTheWriteUnderTheOwnersLock()
    {
        using var index = NewIndex();
        using var other = NewIndex();
        await index.UpsertAsync([WithReferences(null, "aa01"), Simple(Alice, "dog", Random(4))]);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IReadOnlyList<Concept>? remaining = null;
        Concept? deleted = null;
        var updateRan = false;
        var lockFree = true;

        var delete = ((IConceptIndex)index).DeleteAsync(Alice, Cat, async (concept, rest, _) =>
        {
            (deleted, remaining) = (concept, rest);
            await using (var taken = OwnerLock.TryAcquire(Path.Combine(_data.Path, "owners", "alice", "concepts.json.lock")))
            {
                lockFree = taken is not null;
            }

            entered.SetResult();
            await release.Task;
        });
        await entered.Task;
        var update = ((IConceptIndex)other).UpdateAsync(Alice, ConceptName.Parse("dog"), (existing, _) =>
        {
            updateRan = true;
            return Task.FromResult<Concept?>(null);
        });
        var ranWhileDeleting = updateRan;
        release.SetResult();
        Assert.True(await delete);
        await update;

        Assert.False(lockFree);
        Assert.False(ranWhileDeleting);
        Assert.True(updateRan);
        Assert.Equal("cat", deleted!.Name.Key);
        Assert.Equal(["dog"], remaining!.Select(c => c.Name.Key));
        using var fresh = NewIndex();
        Assert.Equal(["dog"], (await fresh.ListAsync(Alice)).Select(c => c.Name.Key));
    }

    private static Concept WithReferences(Concept? existing, string hash)
    {
        var concept = existing ?? Simple(Alice, "cat", Random(1)) with { References = [] };
        var reference = new ConceptReference(hash, hash + ".jpg", 640, 480, [new ReferenceRegion(new BoundingBox(0, 0, 640, 480), "image", null, Random(2), Random(3))]);
        return concept with { References = [.. concept.References, reference] };
    }

    private EmbeddedConceptIndex NewIndex() => new(Options.Create(new LocalDataOptions { Directory = _data.Path }));
}
