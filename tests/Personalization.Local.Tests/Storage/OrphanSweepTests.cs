using Microsoft.Extensions.Options;
using Personalization.Core.Ports;
using Personalization.Core.Domain;
using Personalization.Local.Index;
using Personalization.Local.Storage;
using static Personalization.Local.Tests.TestConcepts;

namespace Personalization.Local.Tests.Storage;

/// <summary>
/// What crashes leave behind (stored photos no concept uses, temporary files of unfinished writes) is removed when
/// the index first touches the owner; what concepts reference stays.
/// </summary>
public sealed class OrphanSweepTests : IDisposable
{
    private const string Kept = "aa01";
    private const string Orphan = "bb02";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private string Images => Path.Combine(_data.Path, "images", "alice");

    private string OwnerFolder => Path.Combine(_data.Path, "owners", "alice");

    [Fact]
    public async Task FirstRead_AfterACrash_RemovesOrphansAndKeepsReferencedPhotos()
    {
        await EnrolWithLeftoversAsync();

        using var index = NewIndex();
        var concepts = await index.ListAsync(Alice);

        Assert.Equal(["bo"], concepts.Select(c => c.Name.Value));
        Assert.Equal([Kept], Directory.GetFiles(Images).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(OwnerFolder, "*.tmp"));
        Assert.True(File.Exists(Path.Combine(OwnerFolder, "concepts.manifest.json")));
        Assert.True(File.Exists(Path.Combine(OwnerFolder, "unrelated.txt")));
    }

    [Fact]
    public async Task FirstWrite_AfterACrash_RemovesOrphansAndKeepsReferencedPhotos()
    {
        await EnrolWithLeftoversAsync();

        using var index = NewIndex();
        await index.UpsertAsync(Simple(Alice, "mochi", Random(5)));

        Assert.Equal([Kept], Directory.GetFiles(Images).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(OwnerFolder, "*.tmp"));
    }

    [Fact]
    public async Task FirstRead_OtherOwner_LeavesThisOwnersFilesAlone()
    {
        await EnrolWithLeftoversAsync();

        using var index = NewIndex();
        await index.ListAsync(Bob);

        Assert.Equal(3, Directory.GetFiles(Images).Length);
    }

    // A damaged index says nothing about which photos are used: nothing is removed.
    [Fact]
    public async Task FirstRead_DamagedIndex_RemovesNothing()
    {
        await EnrolWithLeftoversAsync();
        await File.WriteAllTextAsync(Path.Combine(OwnerFolder, "concepts.manifest.json"), "null");

        using var index = NewIndex();
        await Assert.ThrowsAsync<InvalidDataException>(() => index.ListAsync(Alice));

        Assert.Equal(3, Directory.GetFiles(Images).Length);
    }

    // The concept "bo" references photo Kept; photo Orphan and two temporary files are what a killed enrolment left.
    private async Task EnrolWithLeftoversAsync()
    {
        var bo = Simple(Alice, "bo", Random(1));
        bo = bo with { References = [bo.References[0] with { ContentHash = Kept }] };
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(bo);
        }

        Directory.CreateDirectory(Images);
        await File.WriteAllBytesAsync(Path.Combine(Images, Kept), [1, 2, 3]);
        await File.WriteAllBytesAsync(Path.Combine(Images, Orphan), [4, 5, 6]);
        await File.WriteAllBytesAsync(Path.Combine(Images, $"{Orphan}.4242.0123456789abcdef.tmp"), [7]);
        await File.WriteAllTextAsync(Path.Combine(OwnerFolder, "concepts.json.4242.0123456789abcdef.tmp"), "[{\"half\"");
        await File.WriteAllTextAsync(Path.Combine(OwnerFolder, "unrelated.txt"), "not the index's");
    }

    private EmbeddedConceptIndex NewIndex() => new(Options.Create(new LocalDataOptions { Directory = _data.Path }));
}
