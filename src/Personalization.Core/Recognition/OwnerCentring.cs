using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Personalization.Core.Domain;

namespace Personalization.Core.Recognition;

/// <summary>
/// The owner's image space with what all their photos share taken out: every image vector less the mean of the rooms of
/// the owner's reference photos (their grid tiles outside the object, embedded at enrolment), re-normalised. A concept
/// whose reference looks like any room (grey, furry, low in texture) is close to that mean and scores high against
/// everything in the raw space, a hub; centred, it scores high only against what is like it and unlike the rooms.
/// Used to choose which concept a photo shows (<see cref="RecognitionOptions.CentredRanking"/>), not how sure the chain is:
/// centred cosines sit far lower, and every threshold was chosen on raw ones.
/// </summary>
public sealed class OwnerCentring
{
    // An index that keeps a snapshot of the owner's library hands out the same list until the library changes: the
    // library is centred once per snapshot, not once per photo.
    private static readonly ConditionalWeakTable<IReadOnlyList<Concept>, CentredLibrary> Libraries = [];

    private readonly float[] _mean;

    private OwnerCentring(float[] mean) => _mean = mean;

    /// <summary>
    /// The owner's library centred on its rooms, for query vectors of <paramref name="dimensions"/>: computed once per list
    /// the index hands out (a new list after every change to the library); null when no reference photo kept a room.
    /// </summary>
    public static CentredLibrary? Library(IReadOnlyList<Concept> concepts, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        if (Libraries.TryGetValue(concepts, out var cached) && cached.Centring._mean.Length == dimensions)
        {
            return cached;
        }

        if (Of(concepts, dimensions) is not { } centring)
        {
            return null;
        }

        var library = new CentredLibrary(centring, centring.Centre(concepts));
        Libraries.AddOrUpdate(concepts, library);
        return library;
    }

    /// <summary>The centring of these concepts' rooms, for query vectors of <paramref name="dimensions"/>; null when no
    /// reference photo kept a room of that size.</summary>
    public static OwnerCentring? Of(IReadOnlyList<Concept> concepts, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        var mean = new float[dimensions];
        var count = 0;

        // In name order, so the same library gives the same mean to the last bit whatever order the index lists it in.
        foreach (var concept in concepts.OrderBy(c => c.Name.Key, StringComparer.Ordinal))
        {
            foreach (var room in concept.References.SelectMany(r => r.Rooms ?? []))
            {
                if (room.ImageVector.Length == dimensions)
                {
                    TensorPrimitives.Add(mean, room.ImageVector.Span, mean);
                    count++;
                }
            }
        }

        if (count == 0)
        {
            return null;
        }

        TensorPrimitives.Divide(mean, count, mean);
        return new OwnerCentring(mean);
    }

    /// <summary>The concepts with every image vector (reference regions, rooms, rejected regions) centred.</summary>
    public IReadOnlyList<Concept> Centre(IReadOnlyList<Concept> concepts)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        return [.. concepts.Select(c => c with
        {
            References = [.. c.References.Select(r => r with
            {
                Regions = [.. r.Regions.Select(Centre)],
                Rooms = r.Rooms is null ? null : [.. r.Rooms.Select(Centre)],
            })],
            Negatives = c.Negatives is null ? null : [.. c.Negatives.Select(n => n with { ImageVector = Centre(n.ImageVector) })],
        })];
    }

    /// <summary>The query with every region's image vector centred.</summary>
    public ImageAnalysis Centre(ImageAnalysis query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query with { Regions = [.. query.Regions.Select(r => r with { ImageVector = Centre(r.ImageVector).ToArray() })] };
    }

    private ReferenceRegion Centre(ReferenceRegion region) => region with { ImageVector = Centre(region.ImageVector) };

    /// <summary>v − mean, re-normalised; a vector of another size (another encoder) is left as it is.</summary>
    public ReadOnlyMemory<float> Centre(ReadOnlyMemory<float> vector)
    {
        if (vector.Length != _mean.Length)
        {
            return vector;
        }

        var centred = new float[_mean.Length];
        TensorPrimitives.Subtract(vector.Span, _mean, centred);
        var norm = TensorPrimitives.Norm(centred);
        if (norm > 0)
        {
            TensorPrimitives.Divide(centred, norm, centred);
        }

        return centred;
    }
}

/// <summary>The centring of an owner's library and the library centred by it (in the order of the list it came from).</summary>
public sealed record CentredLibrary(OwnerCentring Centring, IReadOnlyList<Concept> Concepts);
