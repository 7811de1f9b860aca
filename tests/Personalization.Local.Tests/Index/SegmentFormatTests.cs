using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Index;
using Personalization.Local.Storage;
using static Personalization.Local.Tests.TestConcepts;

namespace Personalization.Local.Tests.Index;

/// <summary>
/// The segment format: version 2's directory and int8 rows written and read back, records parsed only when asked for,
/// version-1 segments still read (and rewritten as version 2 by a compaction), a damaged directory reported as such.
/// </summary>
public sealed class SegmentFormatTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private OwnerDataPaths Paths => new(_data.Path);

    private string OwnerFolder => Path.GetDirectoryName(Manifest)!;

    private string Manifest => Paths.ManifestFile(Alice);

    private static async Task<List<StoredConcept>> WriteThenReadAsync(string file, IReadOnlyList<Concept> concepts)
    {
        var (floats, checksum) = await ConceptSegmentFile.WriteAsync(file, concepts, CancellationToken.None);
        return await ConceptSegmentFile.ReadAsync(file, Alice, floats, checksum, CancellationToken.None);
    }

    [Fact]
    public async Task WriteThenRead_Version2_GivesTheSameRecordsRowsAndInt8Rows()
    {
        var concepts = Concepts(7, regions: 3);
        var file = Path.Combine(_data.Path, "one.vec");
        var read = await WriteThenReadAsync(file, concepts);

        Assert.Equal(ConceptSegmentFile.Version, BinaryPrimitives.ReadInt32LittleEndian((await File.ReadAllBytesAsync(file)).AsSpan(8)));
        Assert.Equal(concepts.Select(c => c.Name), read.Select(s => s.Name));
        Assert.All(read, s => Assert.False(s.IsParsed));
        Assert.Equal(concepts.Select(c => c.AllRegions.Select(r => r.ImageVector.ToArray())), read.Select(s => s.ImageRows.Select(r => r.ToArray())));
        Assert.Equal(concepts.Select(c => c.DescriptionVector.ToArray()), read.Select(s => s.Description.ToArray()));
        Assert.Equal(concepts.Select(c => JsonSerializer.Serialize(c)), read.Select(s => JsonSerializer.Serialize(s.Concept)));

        // The int8 rows on disk are the rows the quantiser makes from the same floats, byte for byte, stats included.
        var made = QuantizedRows.Quantize([.. concepts.SelectMany(c => c.AllRegions).Select(r => r.ImageVector)], 16)!;
        var block = Assert.Single(read.Select(s => s.Int8).Distinct());
        Assert.NotNull(block);
        Assert.True(block.IsMapped);
        Assert.Equal(made.DataBytes.ToArray(), block.DataBytes.ToArray());
        Assert.Equal(made.StatsData.ToArray(), block.StatsData.ToArray());
        Assert.Equal(Enumerable.Range(0, 7).Select(i => i * 3), read.Select(s => s.Int8Start));
    }

    // The descriptions lie one after the other in the file, and so do all region image vectors, concept after concept:
    // a description scan or a rescoring touches only the pages of its kind.
    [Fact]
    public async Task Read_Version2_VectorsOfOneKindAreContiguous()
    {
        var concepts = Concepts(5, regions: 3);
        var file = Path.Combine(_data.Path, "one.vec");
        var read = await WriteThenReadAsync(file, concepts);

        var descriptions = read.Select(s => s.Description).ToList();
        var images = read.SelectMany(s => s.ImageRows).ToList();
        Assert.All(descriptions.Zip(descriptions.Skip(1)), p => Assert.Equal(16 * sizeof(float), Distance(p.First, p.Second)));
        Assert.All(images.Zip(images.Skip(1)), p => Assert.Equal(16 * sizeof(float), Distance(p.First, p.Second)));
        Assert.Equal(5 * 16 * sizeof(float), Distance(descriptions[0], images[0]));
    }

    // A loaded owner parses no record to load or to search; a record is parsed when it is read, and only that one.
    [Fact]
    public async Task LoadAndSearch_ParseNoRecord_ReadingAHitParsesOnlyIt()
    {
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(Concepts(40, regions: 2));
        }

        var stored = await new SegmentedConceptStore(new OwnerDataPaths(_data.Path)).ReadAsync(Alice, CancellationToken.None);
        var snapshot = OwnerSnapshot.Of(stored.Concepts, DateTime.MinValue, DateTime.MaxValue, 0);
        var hits = snapshot.Search([new VectorQuery(Random(1001), VectorField.ReferenceImage, 1), new VectorQuery(Random(5000), VectorField.DescriptionText, 3)]);
        Assert.All(stored.Concepts, s => Assert.False(s.IsParsed));

        var hit = hits[0][0].Concept;
        var at = stored.Concepts.FindIndex(s => s.Name.Equals(hit));
        var concept = snapshot.Concepts[at];

        Assert.Equal(hit, concept.Name);
        Assert.Equal(Unit(Random(1001)), concept.AllRegions.ElementAt(hits[0][0].RegionIndex).ImageVector.ToArray());
        Assert.Equal([at], Enumerable.Range(0, stored.Concepts.Count).Where(i => stored.Concepts[i].IsParsed));
        Assert.Same(concept, snapshot.Concepts[at]);
    }

    // The first search of a cold reader scans the int8 rows its segments hold: nothing is quantised, the hits are the float scan's.
    [Fact]
    public async Task FirstSearch_OfAColdReader_UsesTheInt8RowsOnDisk()
    {
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(Concepts(60, regions: 20));
            await writer.UpsertAsync(Concepts(1, regions: 20, first: 60));
        }

        var stored = await new SegmentedConceptStore(new OwnerDataPaths(_data.Path)).ReadAsync(Alice, CancellationToken.None);
        var quantized = OwnerSnapshot.Of(stored.Concepts, DateTime.MinValue, DateTime.MaxValue, 0);
        var exact = OwnerSnapshot.Of(stored.Concepts, DateTime.MinValue, DateTime.MaxValue, 0, quantize: false);
        List<VectorQuery> queries = [.. Enumerable.Range(0, 6).Select(i => new VectorQuery(Random(7000 + i), VectorField.ReferenceImage, 10))];

        var set = quantized.Quantized;

        Assert.NotNull(set);
        Assert.All(set.Runs, r => Assert.True(r.Block.IsMapped));
        Assert.Equal(2, set.Runs.Select(r => r.Block).Distinct().Count());
        Assert.Equal(Hits(exact.Search(queries)), Hits(quantized.Search(queries)));
    }

    // An owner whose segment is of version 1 (no directory, no int8 rows) loads with the same records and hits; a
    // compaction rewrites what it keeps as version 2.
    [Fact]
    public async Task Version1Segment_LoadsWithTheSameResults_AndACompactionRewritesItAsVersion2()
    {
        var concepts = Concepts(12, regions: 2);
        List<VectorQuery> queries = [new(Random(9001), VectorField.ReferenceImage, 5), new(Random(9002), VectorField.DescriptionText, 3)];
        IReadOnlyList<IReadOnlyList<VectorHit>> before;
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(concepts);
            before = await writer.SearchAsync(Alice, queries);
        }

        var segment = Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec").Single();
        File.Delete(segment);
        var (_, checksum) = await ConceptSegmentFileVersion1.WriteAsync(segment, concepts, CancellationToken.None);
        await SetManifestChecksumAsync(checksum);
        Assert.Equal(1, await VersionAsync(segment));

        using (var reader = NewIndex())
        {
            Assert.Equal(Hits(before), Hits(await reader.SearchAsync(Alice, queries)));
            Assert.Equal(concepts.Select(c => JsonSerializer.Serialize(c)), (await reader.ListAsync(Alice)).Select(c => JsonSerializer.Serialize(c)));
            for (var i = 0; i < 10; i++)
            {
                await reader.DeleteAsync(Alice, concepts[i].Name);
            }
        }

        var left = Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec");
        Assert.DoesNotContain(segment, left);
        Assert.All(left, f => Assert.Equal(ConceptSegmentFile.Version, VersionAsync(f).Result));
        using var fresh = NewIndex();
        Assert.Equal(concepts.Skip(10).Select(c => JsonSerializer.Serialize(c)), (await fresh.ListAsync(Alice)).Select(c => JsonSerializer.Serialize(c)));
    }

    // A directory that does not fit its segment is damage named as such, even when the checksum was made to match it.
    [Fact]
    public async Task Load_DirectoryThatDoesNotFitItsSegment_IsOneClearError()
    {
        // The first entry's vector count, after its name's length (u16), its name ("c000") and JSON start and length.
        var segment = await DamagedSegmentAsync(Concepts(3, regions: 2), bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(64 + 2 + 4 + 16), 1 << 20));
        using var index = NewIndex();

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => index.ListAsync(Alice));

        Assert.Contains(segment, e.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
        Assert.Contains("directory", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    // A record whose JSON is damaged (behind a matching checksum) is found when it is asked for: one clear error naming
    // the file and the concept, and the other concepts still read.
    [Fact]
    public async Task Parse_DamagedRecord_IsOneClearErrorAndTheOthersStillRead()
    {
        var segment = await DamagedSegmentAsync(Concepts(3, regions: 1), bytes => bytes[bytes.AsSpan().IndexOf("{\"Owner\""u8)] = (byte)'[');
        using var index = NewIndex();

        Assert.Equal("c001", (await index.GetAsync(Alice, ConceptName.Parse("c001")))?.Name.Value);
        var list = await index.ListAsync(Alice);
        var e = Assert.Throws<InvalidDataException>(() => list[0]);

        Assert.Contains(segment, e.Message, StringComparison.Ordinal);
        Assert.Contains("<c000>", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal("c001", list[1].Name.Value);

        // Finding one concept by name parses that one only: the damaged record before it is not read.
        Assert.Equal("c002", (await index.GetAsync(Alice, ConceptName.Parse("C002")))?.Name.Value);
        Assert.Null(await index.GetAsync(Alice, ConceptName.Parse("nobody")));
    }

    private static List<Concept> Concepts(int count, int regions, int first = 0) =>
        [.. Enumerable.Range(first, count).Select(i => Make(Alice, $"c{i:D3}", Random(5000 + i), [.. Enumerable.Range(0, regions).Select(r => Random(1000 + (i * regions) + r))]))];

    private static List<(string, int, float)[]> Hits(IReadOnlyList<IReadOnlyList<VectorHit>> hits) =>
        [.. hits.Select(q => q.Select(h => (h.Concept.Value, h.RegionIndex, h.Similarity)).ToArray())];

    private static long Distance(ReadOnlyMemory<float> from, ReadOnlyMemory<float> to) =>
        System.Runtime.CompilerServices.Unsafe.ByteOffset(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(from.Span), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(to.Span));

    private static async Task<int> VersionAsync(string segment) =>
        BinaryPrimitives.ReadInt32LittleEndian((await File.ReadAllBytesAsync(segment)).AsSpan(8));

    /// <summary>Writes <paramref name="concepts"/> in one segment, changes its bytes, and makes the segment's and the manifest's
    /// checksums match the change (damage a checksum cannot see); returns the segment's path.</summary>
    private async Task<string> DamagedSegmentAsync(List<Concept> concepts, Action<byte[]> damage)
    {
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(concepts);
        }

        var segment = Directory.GetFiles(OwnerFolder, "concepts.seg-*.vec").Single();
        var bytes = await File.ReadAllBytesAsync(segment);
        damage(bytes);
        var checksum = XxHash3.HashToUInt64(bytes.AsSpan(64));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(32), checksum);
        await File.WriteAllBytesAsync(segment, bytes);
        await SetManifestChecksumAsync(checksum);
        return segment;
    }

    private async Task SetManifestChecksumAsync(ulong checksum)
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Manifest))!;
        manifest["Segments"]![0]!["Checksum"] = checksum;
        await File.WriteAllTextAsync(Manifest, manifest.ToJsonString());
    }

    private EmbeddedConceptIndex NewIndex() => new(Options.Create(new LocalDataOptions { Directory = _data.Path }));
}
