using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Index;
using static Personalization.Local.Tests.TestConcepts;

namespace Personalization.Local.Tests.Index;

public sealed class OwnerSnapshotTests
{
    // A snapshot built from the previous one (rows of unchanged concepts copied) must be the snapshot built afresh.
    [Fact]
    public void Create_FromThePreviousSnapshotAfterChanges_EqualsOneBuiltAfresh()
    {
        var random = new Random(5);
        var concepts = new List<Concept>();
        var previous = OwnerSnapshot.Create([], DateTime.MinValue, DateTime.MaxValue, 0);
        for (var step = 0; step < 40; step++)
        {
            var name = $"c{random.Next(25):D2}";
            concepts.RemoveAll(c => c.Name.Value == name);
            if (random.Next(4) > 0)
            {
                var regions = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Random(random.Next())).ToArray()).ToArray();
                concepts.Add(Make(Alice, name, Random(random.Next(), dimension: step % 5 == 0 ? 8 : 16), regions));
            }

            SegmentedConceptStore.SortByKey(concepts);
            var list = concepts.ToList();
            var updated = OwnerSnapshot.Create(list, DateTime.MinValue, DateTime.MaxValue, 0, previous);
            var fresh = OwnerSnapshot.Create(list, DateTime.MinValue, DateTime.MaxValue, 0);

            Assert.Equal(fresh.ImageDimension, updated.ImageDimension);
            Assert.Equal(fresh.ImageRows.Length, updated.ImageRows.Length);
            Assert.True(fresh.ImageRows.Zip(updated.ImageRows).All(p => p.First.Equals(p.Second)));
            Assert.Equal(fresh.ImageOwners, updated.ImageOwners);
            List<VectorQuery> queries = [new(Random(step), VectorField.ReferenceImage, 6), new(Random(step + 100), VectorField.DescriptionText, 4), new(Random(step, dimension: 8), VectorField.DescriptionText, 4)];
            Assert.Equal(Hits(fresh.Search(queries)), Hits(updated.Search(queries)));
            previous = updated;
        }
    }

    // Snapshot after snapshot, the quantised one quantises only the concepts it has not seen, keeps its blocks from
    // growing without bound (replaced concepts leave dead rows behind) and finds what the float scan finds.
    [Fact]
    public void Search_QuantizedAcrossWrites_GivesTheFloatScansHitsAndKeepsFewDeadRows()
    {
        var random = new Random(11);
        var rows = QuantizedScanTests.EmbeddingLike(1500, 64, random);
        var concepts = new List<Concept>();
        for (var c = 0; c < 100; c++)
        {
            concepts.Add(Make(Alice, $"c{c:D3}", Random(c), [.. rows.Skip(c * 15).Take(15)]));
        }

        var previous = OwnerSnapshot.Create(concepts.ToList(), DateTime.MinValue, DateTime.MaxValue, 0);
        Assert.Equal(1500, previous.Quantized!.HeldRows()); // made by its first search; the next snapshot builds on it
        for (var step = 0; step < 400; step++)
        {
            var name = $"c{random.Next(100):D3}";
            var replaced = concepts.FindIndex(c => c.Name.Value == name);
            concepts[replaced] = Make(Alice, name, Random(step), [.. QuantizedScanTests.EmbeddingLike(15, 64, random)]);
            var list = concepts.ToList();
            var quantized = OwnerSnapshot.Create(list, DateTime.MinValue, DateTime.MaxValue, 0, previous);
            var exact = OwnerSnapshot.Create(list, DateTime.MinValue, DateTime.MaxValue, 0, quantize: false);

            Assert.NotNull(quantized.Quantized);
            Assert.Null(exact.Quantized);
            Assert.InRange(quantized.Quantized!.HeldRows(), 1500, (2 * 1500) + 4096 + 15);
            if (step % 20 == 0)
            {
                List<VectorQuery> queries = [.. Enumerable.Range(0, 5).Select(q => new VectorQuery(quantized.ImageRows[random.Next(1500)].ToArray(), VectorField.ReferenceImage, q == 0 ? 10 : 3))];
                Assert.Equal(Hits(exact.Search(queries)), Hits(quantized.Search(queries)));
            }

            // Only the replaced concept was quantised: one new block of its 15 rows.
            var made = quantized.Quantized.Runs.Select(r => r.Block).Except(previous.Quantized!.Runs.Select(r => r.Block)).ToList();
            Assert.Equal(15, Assert.Single(made).Count);
            previous = quantized;
        }
    }

    // A loaded owner's int8 copy is made in the background while the first searches go through the float scan; a write's
    // few new concepts are quantised by the first search itself.
    [Fact]
    public async Task Search_LargeOwner_AnswersAtOnceAndMakesItsInt8CopyAside()
    {
        var random = new Random(12);
        var rows = QuantizedScanTests.EmbeddingLike(QuantizedRowSetBuild.InlineRows + 600, 32, random);
        var concepts = Enumerable.Range(0, rows.Length / 15).Select(c => Make(Alice, $"c{c:D4}", Random(c), [.. rows.Skip(c * 15).Take(15)])).ToList();
        var loaded = OwnerSnapshot.Create(concepts.ToList(), DateTime.MinValue, DateTime.MaxValue, 0);
        var exact = OwnerSnapshot.Create(concepts.ToList(), DateTime.MinValue, DateTime.MaxValue, 0, quantize: false);
        List<VectorQuery> queries = [new(rows[100], VectorField.ReferenceImage, 10), new(rows[2000], VectorField.ReferenceImage, 4)];

        Assert.Equal(Hits(exact.Search(queries)), Hits(loaded.Search(queries)));
        await loaded.PrepareAsync();
        Assert.Equal(Hits(exact.Search(queries)), Hits(loaded.Search(queries)));

        concepts[7] = Make(Alice, "c0007", Random(7), [.. QuantizedScanTests.EmbeddingLike(15, 32, random)]);
        var written = OwnerSnapshot.Create(concepts.ToList(), DateTime.MinValue, DateTime.MaxValue, 0, loaded);
        Assert.Equal(Hits(OwnerSnapshot.Create(concepts.ToList(), DateTime.MinValue, DateTime.MaxValue, 0, quantize: false).Search(queries)), Hits(written.Search(queries)));
        Assert.True(written.PrepareAsync().IsCompletedSuccessfully);
        var made = written.Quantized!.Runs.Select(r => r.Block).Except(loaded.Quantized!.Runs.Select(r => r.Block));
        Assert.Equal(15, Assert.Single(made).Count);
    }

    private static List<(string, int, float)>[] Hits(IReadOnlyList<IReadOnlyList<VectorHit>> hits) =>
        [.. hits.Select(h => h.Select(x => (x.Concept.Value, x.RegionIndex, x.Similarity)).ToList())];
}
