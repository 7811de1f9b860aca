using System.Numerics.Tensors;
using Personalization.Core.Domain;
using Personalization.Core.Feedback;

namespace Personalization.Core.Recognition;

/// <summary>
/// For one query, how much each of its regions looks like the rooms of each concept's reference photos (their grid tiles
/// outside the object, embedded at enrolment): the best cosine per region and concept, measured once. A region counts for
/// a concept only when it looks more like the concept than like every room that counts against it (<see cref="Against"/>).
/// </summary>
public sealed class RoomSimilarities
{
    private readonly Dictionary<ConceptName, int> _concepts;
    private readonly float[][] _all;
    private readonly float[][] _enrolled;

    private RoomSimilarities(Dictionary<ConceptName, int> concepts, float[][] all, float[][] enrolled)
    {
        _concepts = concepts;
        _all = all;
        _enrolled = enrolled;
    }

    /// <summary>The similarities of every query region with every concept's rooms; null when no reference photo kept a room.</summary>
    /// <param name="ownRoomOverlap">A room tile of a photo a concept was enrolled from counts against that concept only while
    /// its object covers less than this share of the tile (<see cref="RecognitionOptions.OwnRoomOverlap"/>).</param>
    public static RoomSimilarities? Measure(ImageAnalysis query, IReadOnlyList<Concept> concepts, float ownRoomOverlap)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(concepts);
        if (!concepts.Any(c => c.References.Any(r => r.Rooms is { Count: > 0 })))
        {
            return null;
        }

        var index = new Dictionary<ConceptName, int>(concepts.Count);
        var all = new float[query.Regions.Count][];
        var enrolled = new float[query.Regions.Count][];
        for (var q = 0; q < all.Length; q++)
        {
            all[q] = new float[concepts.Count];
            enrolled[q] = new float[concepts.Count];
            Array.Fill(all[q], float.NegativeInfinity);
            Array.Fill(enrolled[q], float.NegativeInfinity);
        }

        for (var c = 0; c < concepts.Count; c++)
        {
            index[concepts[c].Name] = c;
            foreach (var reference in concepts[c].References)
            {
                var confirmed = FeedbackBounds.IsConfirmed(reference);
                foreach (var room in reference.Rooms ?? [])
                {
                    var clear = !confirmed && (reference.Focus is not { } focus || room.Box.IntersectionArea(focus.Box) < ownRoomOverlap * room.Box.Area);
                    for (var q = 0; q < all.Length; q++)
                    {
                        var vector = query.Regions[q].ImageVector;
                        if (room.ImageVector.Length != vector.Length)
                        {
                            continue;
                        }

                        var s = TensorPrimitives.Dot(vector, room.ImageVector.Span);
                        all[q][c] = Math.Max(all[q][c], s);
                        if (clear)
                        {
                            enrolled[q][c] = Math.Max(enrolled[q][c], s);
                        }
                    }
                }
            }
        }

        return new RoomSimilarities(index, all, enrolled);
    }

    /// <summary>
    /// Per query region, its best cosine with the rooms that count against <paramref name="concept"/>: those of the other
    /// concepts' reference photos, and the tiles of the photos it was enrolled from that hold almost none of it. The rooms
    /// of photos in which the user confirmed it never count against it (where it was found is no evidence against finding
    /// it there again). −∞ where no room counts.
    /// </summary>
    public float[] Against(Concept concept)
    {
        ArgumentNullException.ThrowIfNull(concept);
        var own = _concepts.TryGetValue(concept.Name, out var i) ? i : -1;
        var result = new float[_all.Length];
        for (var q = 0; q < result.Length; q++)
        {
            var best = float.NegativeInfinity;
            for (var c = 0; c < _all[q].Length; c++)
            {
                best = Math.Max(best, c != own ? _all[q][c] : _enrolled[q][c]);
            }

            result[q] = best;
        }

        return result;
    }
}
