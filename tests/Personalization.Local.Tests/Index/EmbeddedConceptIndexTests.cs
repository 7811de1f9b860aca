using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Index;
using Personalization.Local.Storage;
using static Personalization.Local.Tests.TestConcepts;

namespace Personalization.Local.Tests.Index;

/// <summary>The embedded index on real files in a temporary folder; every "new instance" reads what another wrote.</summary>
public sealed class EmbeddedConceptIndexTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task UpsertAsync_ThenListFromNewInstance_ReturnsTheSameConcept()
    {
        var bo = Make(Alice, "Bo", Random(1), [Random(2), Random(3)], [Random(4)]);
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(bo);
        }

        using var reader = NewIndex();
        var loaded = Assert.Single(await reader.ListAsync(Alice));

        Assert.Equal(bo.Owner, loaded.Owner);
        Assert.Equal("Bo", loaded.Name.Value);
        Assert.Equal(bo.Category, loaded.Category);
        Assert.Equal(bo.Description, loaded.Description);
        Assert.Equal(bo.DescriptionVector.ToArray(), loaded.DescriptionVector.ToArray());
        Assert.Equal(bo.UpdatedAt, loaded.UpdatedAt);
        Assert.Equal(bo.EncoderSpace, loaded.EncoderSpace);
        Assert.Equal(bo.Fingerprint.Single().Vector.ToArray(), loaded.Fingerprint.Single().Vector.ToArray());
        Assert.Equal(bo.AllRegions.Select(r => r.ImageVector.ToArray()), loaded.AllRegions.Select(r => r.ImageVector.ToArray()));
        Assert.Equal(bo.References.Select(r => r.ContentHash), loaded.References.Select(r => r.ContentHash));
        Assert.True(File.Exists(Path.Combine(_data.Path, "owners", "alice", "concepts.manifest.json")));
    }

    [Fact]
    public async Task UpsertAsync_SameConceptTwice_KeepsOneWithTheLatestContent()
    {
        using var index = NewIndex();
        await index.UpsertAsync(Simple(Alice, "Bo", Random(1)) with { Description = "first" });
        await index.UpsertAsync(Simple(Alice, "bo", Random(1)) with { Description = "second" });
        await index.UpsertAsync(Simple(Alice, "bo", Random(1)) with { Description = "second" });

        var here = Assert.Single(await index.ListAsync(Alice));
        using var fresh = NewIndex();
        var there = Assert.Single(await fresh.ListAsync(Alice));

        Assert.Equal("second", here.Description);
        Assert.Equal("bo", here.Name.Value);
        Assert.Equal("second", there.Description);
    }

    [Fact]
    public async Task ListAsync_SeveralConcepts_AreOrderedByKey()
    {
        using var index = NewIndex();
        foreach (var name in new[] { "mochi", "Bo", "kiki", "alf" })
        {
            await index.UpsertAsync(Simple(Alice, name, Random(name.Length)));
        }

        var names = (await index.ListAsync(Alice)).Select(c => c.Name.Value);

        Assert.Equal(["alf", "Bo", "kiki", "mochi"], names);
    }

    [Fact]
    public async Task ListAsync_OwnerWithNothing_IsEmpty()
    {
        using var index = NewIndex();

        Assert.Empty(await index.ListAsync(Alice));
        var hits = await index.SearchAsync(Alice, [new VectorQuery(Random(1), VectorField.ReferenceImage, 5), new VectorQuery(Random(1), VectorField.DescriptionText, 5)]);
        Assert.Equal(2, hits.Count);
        Assert.All(hits, Assert.Empty);
    }

    [Fact]
    public async Task ListAndSearch_OtherOwner_NeverSeeEachOthersConcepts()
    {
        var shared = Random(7);
        using var index = NewIndex();
        await index.UpsertAsync(Simple(Alice, "bo", shared));
        await index.UpsertAsync(Simple(Alice, "kiki", Random(8)));
        await index.UpsertAsync(Simple(Bob, "mochi", Random(9)));

        using var other = NewIndex();
        foreach (var view in new[] { index, other })
        {
            Assert.Equal(["mochi"], (await view.ListAsync(Bob)).Select(c => c.Name.Value));
            Assert.Equal(["bo", "kiki"], (await view.ListAsync(Alice)).Select(c => c.Name.Value));

            // Bob searches with Alice's exact vector: he still only finds his own concept.
            var bobHits = await view.SearchAsync(Bob, [new VectorQuery(shared, VectorField.ReferenceImage, 10), new VectorQuery(shared, VectorField.DescriptionText, 10)]);
            Assert.All(bobHits.SelectMany(h => h), h => Assert.Equal("mochi", h.Concept.Value));
            Assert.All(bobHits, h => Assert.Single(h));

            var aliceHits = await view.SearchAsync(Alice, [new VectorQuery(shared, VectorField.ReferenceImage, 10)]);
            Assert.DoesNotContain(aliceHits[0], h => h.Concept.Value == "mochi");
            Assert.Equal("bo", aliceHits[0][0].Concept.Value);
        }
    }

    [Fact]
    public async Task DeleteAsync_Existing_IsGoneAtOnceHereAndInOtherInstances()
    {
        using var index = NewIndex();
        using var watcher = NewIndex();
        await index.UpsertAsync(Simple(Alice, "bo", Random(1)));
        await index.UpsertAsync(Simple(Alice, "mochi", Random(2)));
        Assert.Equal(2, (await watcher.ListAsync(Alice)).Count); // the watcher now holds a snapshot

        var deleted = await index.DeleteAsync(Alice, ConceptName.Parse("BO"));

        Assert.True(deleted);
        Assert.Equal(["mochi"], (await index.ListAsync(Alice)).Select(c => c.Name.Value));
        Assert.Equal(["mochi"], (await watcher.ListAsync(Alice)).Select(c => c.Name.Value));
        using var fresh = NewIndex();
        Assert.Equal(["mochi"], (await fresh.ListAsync(Alice)).Select(c => c.Name.Value));
        var hits = await watcher.SearchAsync(Alice, [new VectorQuery(Random(1), VectorField.ReferenceImage, 10)]);
        Assert.Equal(["mochi"], hits[0].Select(h => h.Concept.Value));
    }

    [Fact]
    public async Task DeleteAsync_Missing_ReturnsFalseAndChangesNothing()
    {
        using var index = NewIndex();
        await index.UpsertAsync(Simple(Alice, "bo", Random(1)));

        Assert.False(await index.DeleteAsync(Alice, ConceptName.Parse("mochi")));
        Assert.False(await index.DeleteAsync(Bob, ConceptName.Parse("bo")));
        Assert.Single(await index.ListAsync(Alice));
    }

    [Fact]
    public async Task ListAsync_AnotherInstanceWritesInQuickSuccession_SeesEveryWrite()
    {
        using var writer = NewIndex();
        using var reader = NewIndex();

        // Writes follow each other within milliseconds; file times on many file systems are coarser than that.
        for (var i = 0; i < 25; i++)
        {
            await writer.UpsertAsync(Simple(Alice, $"c{i:D2}", Random(i)));
            Assert.Equal(i + 1, (await reader.ListAsync(Alice)).Count);
        }

        for (var i = 0; i < 25; i++)
        {
            await writer.DeleteAsync(Alice, ConceptName.Parse($"c{i:D2}"));
            Assert.Equal(24 - i, (await reader.ListAsync(Alice)).Count);
        }
    }

    [Fact]
    public async Task ListAsync_ReplacedFileWithTheSameTimestamp_SeesTheNewContent()
    {
        // File systems with coarse timestamps (FAT and HFS+: seconds; ext4 before Linux 6.13: one clock tick)
        // give two writes in quick succession the same modification time. Simulate that by setting it back.
        var file = Path.Combine(_data.Path, "owners", "alice", "concepts.manifest.json");
        using var writer = NewIndex();
        using var reader = NewIndex();
        await writer.UpsertAsync(Simple(Alice, "bo", Random(1)));
        Assert.Single(await reader.ListAsync(Alice));
        var firstWrite = File.GetLastWriteTimeUtc(file);

        await writer.UpsertAsync(Simple(Alice, "mochi", Random(2)));
        File.SetLastWriteTimeUtc(file, firstWrite);
        await writer.DeleteAsync(Alice, ConceptName.Parse("bo"));
        File.SetLastWriteTimeUtc(file, firstWrite);

        // Inside the racy window a reader re-checks the file at most every 250 ms (and at once when its length changed).
        await Task.Delay(300);
        Assert.Equal(["mochi"], (await reader.ListAsync(Alice)).Select(c => c.Name.Value));
    }

    [Fact]
    public async Task SearchAsync_HandMadeVectors_ReturnsExactCosineOrder()
    {
        using var index = NewIndex();
        await index.UpsertAsync(Simple(Alice, "bo", [1, 0, 0], description: [0, 0, 1]));
        await index.UpsertAsync(Simple(Alice, "mochi", [0.6f, 0.8f, 0], description: [0, 0.6f, 0.8f]));
        await index.UpsertAsync(Simple(Alice, "kiki", [0, 0, 1], description: [1, 0, 0]));

        var hits = await index.SearchAsync(Alice,
        [
            new VectorQuery([1, 0, 0], VectorField.ReferenceImage, 2),
            new VectorQuery([0, 0, 1], VectorField.DescriptionText, 3),
        ]);

        // Image: bo 1.0, mochi 0.6, (kiki 0.0 cut by top 2). Text: bo 1.0, mochi 0.8, kiki 0.0.
        Assert.Equal([("bo", 1f, 0), ("mochi", 0.6f, 0)], hits[0].Select(h => (h.Concept.Value, MathF.Round(h.Similarity, 5), h.RegionIndex)));
        Assert.Equal([("bo", 1f, -1), ("mochi", 0.8f, -1), ("kiki", 0f, -1)], hits[1].Select(h => (h.Concept.Value, MathF.Round(h.Similarity, 5), h.RegionIndex)));
    }

    [Fact]
    public async Task SearchAsync_ManyRegions_MatchesBruteForceTopK()
    {
        var concepts = new[]
        {
            Make(Alice, "bo", Random(100), [Random(1), Random(2)], [Random(3)]),
            Make(Alice, "mochi", Random(101), [Random(4)]),
            Make(Alice, "kiki", Random(102), [Random(5), Random(6), Random(7)]),
            Make(Alice, "lulu", Random(103), [Random(8)], [Random(9)], [Random(10)]),
        };
        using var index = NewIndex();
        foreach (var c in concepts)
        {
            await index.UpsertAsync(c);
        }

        var query = Random(42);
        var hits = (await index.SearchAsync(Alice, [new VectorQuery(query, VectorField.ReferenceImage, 5)]))[0];

        // Brute force over every reference region; the region index counts over all of a concept's references.
        var expected = concepts
            .SelectMany(c => c.AllRegions.Select((r, i) => (Name: c.Name.Value, Region: i, Score: Dot(query, r.ImageVector.ToArray()))))
            .OrderByDescending(x => x.Score)
            .Take(5)
            .ToList();
        Assert.Equal(expected.Select(e => (e.Name, e.Region)), hits.Select(h => (h.Concept.Value, h.RegionIndex)));
        Assert.All(hits.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Similarity, 5));
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
    }

    [Fact]
    public async Task SearchAsync_QueryOfAnotherDimension_FindsNothing()
    {
        using var index = NewIndex();
        await index.UpsertAsync(Simple(Alice, "bo", Random(1, dimension: 16)));

        var hits = await index.SearchAsync(Alice,
        [
            new VectorQuery(Random(1, dimension: 8), VectorField.ReferenceImage, 5),
            new VectorQuery(Random(1, dimension: 8), VectorField.DescriptionText, 5),
        ]);

        Assert.All(hits, Assert.Empty);
    }

    [Fact]
    public async Task Concurrency_ParallelUpsertsAndReads_NeverSeePartialData()
    {
        var originals = Enumerable.Range(0, 16).Select(i => Make(Alice, $"c{i:D2}", Random(1000 + i), [Random(i), Random(i + 50)])).ToList();
        var byName = originals.ToDictionary(c => c.Name.Value);
        using var writer = NewIndex();
        using var reader = NewIndex();
        var file = Path.Combine(_data.Path, "owners", "alice", "concepts.manifest.json");

        var writes = originals.Select(c => Task.Run(() => writer.UpsertAsync(c)));
        var reads = Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            var list = await (i % 2 == 0 ? writer : reader).ListAsync(Alice);
            foreach (var c in list)
            {
                var original = byName[c.Name.Value];
                Assert.Equal(original.DescriptionVector.ToArray(), c.DescriptionVector.ToArray());
                Assert.Equal(original.AllRegions.Select(r => r.ImageVector.ToArray()), c.AllRegions.Select(r => r.ImageVector.ToArray()));
            }

            await reader.SearchAsync(Alice, [new VectorQuery(Random(i), VectorField.ReferenceImage, 3)]);

            // A raw reader of the manifest itself: it must always hold a whole JSON document (or not exist yet).
            if (File.Exists(file))
            {
                using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            }
        }));
        await Task.WhenAll(writes.Concat(reads));

        Assert.Equal(byName.Keys.Order(StringComparer.Ordinal), (await writer.ListAsync(Alice)).Select(c => c.Name.Value));
        Assert.Equal(byName.Keys.Order(StringComparer.Ordinal), (await reader.ListAsync(Alice)).Select(c => c.Name.Value));
        using var fresh = NewIndex();
        Assert.Equal(16, (await fresh.ListAsync(Alice)).Count);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.tmp"));
    }

    [Fact]
    public async Task ListAsync_LeftoverTemporaryFile_IsIgnored()
    {
        using (var writer = NewIndex())
        {
            await writer.UpsertAsync(Simple(Alice, "bo", Random(1)));
        }

        var folder = Path.Combine(_data.Path, "owners", "alice");
        await File.WriteAllTextAsync(Path.Combine(folder, "concepts.json.4242.0123456789abcdef.tmp"), "{\"half\": [1, 2, ");

        using var index = NewIndex();
        Assert.Equal(["bo"], (await index.ListAsync(Alice)).Select(c => c.Name.Value));
        await index.UpsertAsync(Simple(Alice, "mochi", Random(2)));
        using var fresh = NewIndex();
        Assert.Equal(["bo", "mochi"], (await fresh.ListAsync(Alice)).Select(c => c.Name.Value));
    }

    [Fact]
    public async Task ListAsync_OnlyATemporaryFile_IsEmpty()
    {
        var folder = Path.Combine(_data.Path, "owners", "alice");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "concepts.json.1.abc.tmp"), "garbage");

        using var index = NewIndex();

        Assert.Empty(await index.ListAsync(Alice));
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("[{\"Owner\":\"alice\",\"Name\":\"bo\",\"Categ")]
    [InlineData("{\"Owner\":\"alice\"}")]
    [InlineData("[{\"Owner\":\"alice\",\"Name\":\"../escape\"}]")]
    [InlineData("[{\"Owner\":\"alice\",\"Name\":\"bo\",\"DescriptionVector\":\"AAE=\"}]")]
    [InlineData("[{\"Owner\":\"alice\",\"Name\":\"bo\"}]")]
    [InlineData("[{\"Owner\":\"alice\",\"Name\":\"bo\",\"References\":null}]")]
    [InlineData("null")]
    [InlineData("[null]")]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("\"concepts\"")]
    [InlineData("{}")]
    public async Task ListAsync_DamagedFile_ThrowsInvalidDataExceptionNamingTheFile(string content)
    {
        var file = Path.Combine(_data.Path, "owners", "alice", "concepts.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, content);
        using var index = NewIndex();

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => index.ListAsync(Alice));

        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_DamagedFile_ThrowsAndLeavesTheFileAsItWas()
    {
        var file = Path.Combine(_data.Path, "owners", "alice", "concepts.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var damaged = Encoding.UTF8.GetBytes("[{\"Owner\":\"alice\",\"Na");
        await File.WriteAllBytesAsync(file, damaged);
        using var index = NewIndex();

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => index.UpsertAsync(Simple(Alice, "bo", Random(1))));

        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(file));
    }

    // Anything that is not a list of this owner's concepts is damaged, never an empty index that the next write replaces.
    [Theory]
    [InlineData("null")]
    [InlineData("[null]")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("true")]
    public async Task UpsertAsync_FileThatIsNotAnIndex_ThrowsAndLeavesTheFileAsItWas(string content)
    {
        var file = Path.Combine(_data.Path, "owners", "alice", "concepts.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, content);
        var before = await File.ReadAllBytesAsync(file);
        using var index = NewIndex();

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => index.UpsertAsync(Simple(Alice, "bo", Random(1))));

        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task ListAsync_FileHoldingAnotherOwnersConcepts_IsDamaged()
    {
        var file = Path.Combine(_data.Path, "owners", "alice", "concepts.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new[] { Simple(Bob, "bo", Random(1)) }));
        using var index = NewIndex();

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => index.ListAsync(Alice));

        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    private EmbeddedConceptIndex NewIndex() => new(Options.Create(new LocalDataOptions { Directory = _data.Path }));
}
