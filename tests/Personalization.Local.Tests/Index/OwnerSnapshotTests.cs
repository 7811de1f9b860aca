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
            Assert.True(fresh.ImageRows.Zip(updated.ImageRows).All(p => ReferenceEquals(p.First, p.Second)));
            Assert.Equal(fresh.ImageOwners, updated.ImageOwners);
            List<VectorQuery> queries = [new(Random(step), VectorField.ReferenceImage, 6), new(Random(step + 100), VectorField.DescriptionText, 4), new(Random(step, dimension: 8), VectorField.DescriptionText, 4)];
            Assert.Equal(Hits(fresh.Search(queries)), Hits(updated.Search(queries)));
            previous = updated;
        }
    }

    private static List<(string, int, float)>[] Hits(IReadOnlyList<IReadOnlyList<VectorHit>> hits) =>
        [.. hits.Select(h => h.Select(x => (x.Concept.Value, x.RegionIndex, x.Similarity)).ToList())];
}
