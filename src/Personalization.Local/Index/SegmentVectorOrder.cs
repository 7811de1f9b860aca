namespace Personalization.Local.Index;

/// <summary>
/// The order in which a version-2 segment stores its concepts' vectors, by kind, so each kind a scan reads lies in one
/// contiguous run: every concept's description vector, then every region image vector (concept by concept, the order of
/// the int8 rows), then the rest (fingerprint attributes, region text vectors, hard negatives), each kind in concept
/// order. Vectors are numbered as <see cref="ConceptVectors.Of"/> gives them, concept after concept.
/// </summary>
internal static class SegmentVectorOrder
{
    /// <param name="shapes">Per concept, in order: its fingerprint attribute, region and vector counts.</param>
    /// <returns>For each place in the file, in order, the number of the vector stored there.</returns>
    public static int[] Of(IReadOnlyList<(int Fingerprints, int Regions, int Vectors)> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        var first = new int[shapes.Count + 1];
        for (var c = 0; c < shapes.Count; c++)
        {
            first[c + 1] = first[c] + shapes[c].Vectors;
        }

        var order = new int[first[^1]];
        var at = 0;
        for (var c = 0; c < shapes.Count; c++)
        {
            order[at++] = first[c];
        }

        for (var c = 0; c < shapes.Count; c++)
        {
            for (var r = 0; r < shapes[c].Regions; r++)
            {
                order[at++] = ImageVector(first[c], shapes[c].Fingerprints, r);
            }
        }

        for (var c = 0; c < shapes.Count; c++)
        {
            var (fingerprints, regions, vectors) = shapes[c];
            for (var v = 1; v < vectors; v++)
            {
                var region = v - 1 - fingerprints;
                if (region < 0 || region >= 2 * regions || region % 2 == 1)
                {
                    order[at++] = first[c] + v;
                }
            }
        }

        return order;
    }

    /// <summary>The number of region <paramref name="region"/>'s image vector of a concept whose vectors start at <paramref name="first"/>.</summary>
    public static int ImageVector(int first, int fingerprints, int region) => first + 1 + fingerprints + (2 * region);
}
