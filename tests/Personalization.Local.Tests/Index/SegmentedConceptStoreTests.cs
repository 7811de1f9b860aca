using System.Text.Json;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Index;
using Personalization.Local.Storage;
using static Personalization.Local.Tests.TestConcepts;

namespace Personalization.Local.Tests.Index;

/// <summary>The embedded index's files: manifest, segments, the old single file and its migration, damage, compaction.</summary>
public sealed class SegmentedConceptStoreTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private OwnerDataPaths Paths => new(_data.Path);

    private string OwnerFolder => Path.GetDirectoryName(Manifest)!;

    private string Manifest => Paths.ManifestFile(Alice);

    private string Legacy => Paths.ConceptsFile(Alice);

    [Fact]
    public async Task ListAsync_OldSingleFile_IsReadAndTheNextWriteMigratesItWithTheSameResults()
    {
        var concepts = Enumerable.Range(0, 12).Select(i => Make(Alice, $"c{i:D2}", Random(500 + i), [Random(i), Random(i + 50)], [Random(i + 100)])).ToList();
        Directory.CreateDirectory(OwnerFolder);
        await File.WriteAllBytesAsync(Legacy, JsonSerializer.SerializeToUtf8Bytes(concepts));
        List<VectorQuery> queries = [.. Enumerable.Range(0, 5).SelectMany(i => new[] { new VectorQuery(Random(900 + i), VectorField.ReferenceImage, 7), new VectorQuery(Random(950 + i), VectorField.DescriptionText, 4) })];
        IReadOnlyList<IReadOnlyList<VectorHit>> before;
        using (var old = NewIndex())
        {
            Assert.Equal(concepts.Select(c => c.Name.Value), (await old.ListAsync(Alice)).Select(c => c.Name.Value));
            before = await old.SearchAsync(Alice, queries);
            await old.DeleteAsync(Alice, ConceptName.Parse("c03"));
        }

        Assert.True(File.Exists(Manifest));
        Assert.False(File.Exists(Legacy));
        using var fresh = NewIndex();
        var after = await fresh.SearchAsync(Alice, queries);
        var loaded = await fresh.ListAsync(Alice);
        Assert.Equal(concepts.Where(c => c.Name.Value != "c03").Select(c => c.AllRegions.Select(r => r.ImageVector.ToArray())), loaded.Select(c => c.AllRegions.Select(r => r.ImageVector.ToArray())));
        Assert.Equal(concepts.Where(c => c.Name.Value != "c03").Select(c => c.Fingerprint.Single().Vector.ToArray()), loaded.Select(c => c.Fingerprint.Single().Vector.ToArray()));
        for (var q = 0; q < queries.Count; q++)
        {
            var kept = before[q].Where(x => x.Concept.Value != "c03").Select(x => (x.Concept.Value, x.RegionIndex, x.Similarity)).ToArray();
            Assert.Equal(kept, after[q].Select(x => (x.Concept.Value, x.RegionIndex, x.Similarity)).Take(kept.Length).ToArray());
        }
    }

    [Fact]
    public async Task UpsertAsync_OneConceptIntoALargeOwner_WritesOnlyItsVectors()
    {
        using var index = NewIndex();
        await index.UpsertAsync([.. Enumerable.Range(0, 40).Select(i => Make(Alice, $"c{i:D2}", Random(i), [Random(i + 1), Random(i + 2)]))]);

        var bo = Make(Alice, "bo", Random(1000), [Random(1001)]);
        await index.UpsertAsync(bo);

        var segments = await SegmentsAsync();
        Assert.Equal(2, segments.Count);
        Assert.Equal(40, segments[0].Concepts);
        Assert.Equal((1, 4L * 16), (segments[1].Concepts, segments[1].Floats)); // description, fingerprint, region image and text
        using var fresh = NewIndex();
        Assert.Equal(41, (await fresh.ListAsync(Alice)).Count);
    }

    [Fact]
    public async Task ListAsync_TruncatedSegment_IsDamagedAndAWriteChangesNothing()
    {
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(Simple(Alice, "bo", Random(1)));
        }

        var segment = Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec").Single();
        var bytes = await File.ReadAllBytesAsync(segment);
        await File.WriteAllBytesAsync(segment, bytes[..^8]);
        var manifest = await File.ReadAllBytesAsync(Manifest);
        using var index = NewIndex();

        var read = await Assert.ThrowsAsync<InvalidDataException>(() => index.ListAsync(Alice));
        var write = await Assert.ThrowsAsync<InvalidDataException>(() => index.UpsertAsync(Simple(Alice, "mochi", Random(2))));

        Assert.All([read, write], e => Assert.Contains(segment, e.Message, StringComparison.Ordinal));
        Assert.Contains("damaged", read.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', read.Message);
        Assert.Equal(manifest, await File.ReadAllBytesAsync(Manifest));
        Assert.Equal(bytes[..^8], await File.ReadAllBytesAsync(segment));
        Assert.Single(Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec"));
    }

    [Fact]
    public async Task ListAsync_ChangedFloatInASegment_FailsTheChecksum()
    {
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(Simple(Alice, "bo", Random(1)));
        }

        var segment = Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec").Single();
        var bytes = await File.ReadAllBytesAsync(segment);
        bytes[^3] ^= 0x40;
        await File.WriteAllBytesAsync(segment, bytes);
        using var index = NewIndex();

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => index.ListAsync(Alice));

        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_ManifestNamingAMissingSegment_IsDamaged()
    {
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(Simple(Alice, "bo", Random(1)));
        }

        File.Delete(Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec").Single());
        using var index = NewIndex();

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => index.ListAsync(Alice));

        Assert.Contains(Manifest, e.Message, StringComparison.Ordinal);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_MostConcepts_CompactsIntoOneSegment()
    {
        using var index = NewIndex();
        for (var i = 0; i < 10; i++)
        {
            await index.UpsertAsync(Make(Alice, $"c{i}", Random(i), [Random(i + 20)]));
        }

        Assert.InRange((await SegmentsAsync()).Count, 1, 4); // merged as they came: a binary counter of 10
        for (var i = 0; i < 7; i++)
        {
            await index.DeleteAsync(Alice, ConceptName.Parse($"c{i}"));
        }

        var segments = await SegmentsAsync();
        Assert.Equal(3, segments.Sum(s => s.Concepts));
        Assert.True(segments.Sum(s => s.Floats) <= 2 * 3 * 4 * 16, "over half of what is stored is garbage");
        Assert.Equal(segments.Count, Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec").Length);
        using var fresh = NewIndex();
        Assert.Equal(["c7", "c8", "c9"], (await fresh.ListAsync(Alice)).Select(c => c.Name.Value));
        Assert.Equal(Unit(Random(28)), (await fresh.ListAsync(Alice))[1].AllRegions.Single().ImageVector.ToArray());
    }

    // A reader that has read the owner reads only the segment another writer added: an older segment damaged on disk
    // since is not read again (a fresh reader finds the damage).
    [Fact]
    public async Task ListAsync_AfterAnotherWriter_ReadsOnlyTheNewSegment()
    {
        using var writer = NewIndex();
        using var reader = NewIndex();
        await writer.UpsertAsync([.. Enumerable.Range(0, 30).Select(i => Simple(Alice, $"c{i:D2}", Random(i)))]);
        Assert.Equal(30, (await reader.ListAsync(Alice)).Count);
        var old = Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec").Single();
        var bytes = await File.ReadAllBytesAsync(old);
        bytes[^1] ^= 1;
        await File.WriteAllBytesAsync(old, bytes);

        await writer.UpsertAsync(Simple(Alice, "late", Random(99)));

        Assert.Contains("late", (await reader.ListAsync(Alice)).Select(c => c.Name.Value));
        using var fresh = NewIndex();
        await Assert.ThrowsAsync<InvalidDataException>(() => fresh.ListAsync(Alice));
    }

    [Fact]
    public async Task FirstWrite_LeftoverSegmentOfAKilledWriter_IsRemoved()
    {
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(Simple(Alice, "bo", Random(1)));
        }

        var named = Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec").Single();
        var leftover = Path.Combine(OwnerFolder, $"concepts.seg-{99:D10}-{Guid.NewGuid():N}.vec");
        var temp = Path.Combine(OwnerFolder, "concepts.manifest.json.4242.0123456789abcdef.tmp");
        await File.WriteAllBytesAsync(leftover, [1, 2, 3]);
        await File.WriteAllTextAsync(temp, "{\"half");

        using var index = NewIndex();
        Assert.Equal(["bo"], (await index.ListAsync(Alice)).Select(c => c.Name.Value));

        Assert.False(File.Exists(leftover));
        Assert.False(File.Exists(temp));
        Assert.True(File.Exists(named));
    }

    // A loaded owner holds its vectors as views into the mapped segment, not as arrays of its own; a concept a caller holds
    // stays readable after writes compacted its segment away (the file deleted, the memory collected meanwhile).
    [Fact]
    public async Task ListAsync_Loaded_VectorsAreViewsThatOutliveTheirSegmentFile()
    {
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync([.. Enumerable.Range(0, 12).Select(i => Make(Alice, $"c{i:D2}", Random(i), [Random(100 + i), Random(200 + i)]))]);
        }

        using var reader = NewIndex();
        var held = (await reader.ListAsync(Alice))[11];
        var segment = Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec").Single();
        Assert.False(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(held.AllRegions.First().ImageVector, out _));

        using (var writer = NewIndex())
        {
            for (var i = 0; i < 10; i++)
            {
                await writer.DeleteAsync(Alice, ConceptName.Parse($"c{i:D2}"));
            }
        }

        Assert.Equal(["c10", "c11"], (await reader.ListAsync(Alice)).Select(c => c.Name.Value));
        Assert.False(File.Exists(segment));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(Unit(Random(11)), held.DescriptionVector.ToArray());
        Assert.Equal(Unit(Random(211)), held.AllRegions.Last().ImageVector.ToArray());
    }

    private async Task<List<(int Concepts, long Floats)>> SegmentsAsync()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Manifest));
        return [.. manifest.RootElement.GetProperty("Segments").EnumerateArray().Select(s => (s.GetProperty("Concepts").GetArrayLength(), s.GetProperty("Floats").GetInt64()))];
    }

    private EmbeddedConceptIndex NewIndex() => new(Options.Create(new LocalDataOptions { Directory = _data.Path }));
}
