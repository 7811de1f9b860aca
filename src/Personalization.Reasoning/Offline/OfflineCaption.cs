using System.Text;
using Personalization.Core.Domain;
using Personalization.Core.Metrics;
using Personalization.Core.Ports;

namespace Personalization.Reasoning.Offline;

/// <summary>
/// A caption from the models' outputs alone: names every recognised concept as <c>&lt;name&gt;</c> with its
/// category and visible attributes, then describes the scene from the detections and colours. Always at
/// least <see cref="CaptionMetric.MinimumCaptionLength"/> characters, so it earns the full identity reward.
/// </summary>
internal static class OfflineCaption
{
    public static string Write(CaptionRequest request)
    {
        var text = new StringBuilder();
        var image = request.Image;
        var recognized = request.Concepts.Select(c => c.Concept.Name).ToHashSet();
        var reserved = (request.OwnerConceptNames ?? [])
            .Where(n => !recognized.Contains(n))
            .Select(n => n.Key)
            .ToHashSet(StringComparer.Ordinal);
        string Plain(string phrase) => WithoutReserved(phrase, reserved);
        if (request.Concepts.Count == 0)
        {
            text.Append("A photo in which none of your concepts could be recognised.");
        }
        else
        {
            text.Append("A photo of ");
            for (var i = 0; i < request.Concepts.Count; i++)
            {
                var c = request.Concepts[i].Concept;
                if (i > 0)
                {
                    text.Append(i == request.Concepts.Count - 1 ? " and " : ", ");
                }

                text.Append('<').Append(c.Name.Value).Append(">, your ").Append(Plain(c.Category) is { Length: > 0 } category ? category : "item");
                // The user's words and colours, less the category just written ("your dog (dog, …)").
                var details = c.Fingerprint
                    .Where(a => a.Source is "user" or "color" && !a.Text.Equals(c.Category, StringComparison.OrdinalIgnoreCase))
                    .Select(a => Plain(a.Text)).Where(t => t.Length > 0).Take(3).ToList();
                if (details.Count > 0)
                {
                    text.Append(" (").Append(string.Join(", ", details)).Append(')');
                }
            }

            text.Append('.');
        }

        var scene = SceneObjects(image, request.Concepts).Select(Plain).Where(t => t.Length > 0).ToList();
        if (scene.Count > 0)
        {
            text.Append(" The scene also shows ").Append(JoinNatural(scene)).Append('.');
        }

        if (image.DominantColors.Count > 0)
        {
            var colors = image.DominantColors.Select(c => Plain(c.Name)).Where(t => t.Length > 0).ToList();
            if (colors.Count > 0)
            {
                text.Append(" Its main colours are ").Append(JoinNatural(colors)).Append('.');
            }
        }

        if (text.Length < CaptionMetric.MinimumCaptionLength)
        {
            var kinds = image.Regions[0].TopLabels.Take(2).Select(l => Plain(l.Label)).Where(t => t.Length > 0).ToList();
            text.Append(kinds.Count > 0
                ? $" At a glance it looks like a picture of a {string.Join(" or a ", kinds)}."
                : " The picture has no other recognisable objects.");
        }

        while (text.Length < CaptionMetric.MinimumCaptionLength)
        {
            text.Append(" It was described from the detector and classifier outputs alone.");
        }

        return text.ToString();
    }

    /// <summary>Drops the words that are names of the owner's other concepts, so the caption never names one by accident.</summary>
    private static string WithoutReserved(string phrase, HashSet<string> reserved)
    {
        if (reserved.Count == 0)
        {
            return phrase;
        }

        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !reserved.Contains(w.Trim(CaptionMetric.StripCharacters.ToCharArray()).ToLowerInvariant()));
        var kept = string.Join(' ', words);

        // "a dog" must not survive as "a".
        return kept is "a" or "an" or "the" || kept.All(char.IsDigit) ? string.Empty : kept;
    }

    /// <summary>
    /// The other things in the picture: confident detections, less those that are a recognised concept. A detection of
    /// the concept's category (its detector label, or its category as the user wrote it) overlapping the concept's box
    /// with IoU ≥ 0.5 is the concept, however many there are; else the one overlapping it most (IoU &gt; 0.5) whatever its
    /// label; with no box, the most confident detection of its category.
    /// </summary>
    private static List<string> SceneObjects(ImageAnalysis image, IReadOnlyList<RecognizedConcept> recognized)
    {
        var remaining = image.Detections.Where(d => d.Score >= 0.3f).ToList();
        foreach (var concept in recognized)
        {
            var labels = concept.Concept.Fingerprint.Where(a => a.Source == "detector").Select(a => a.Text)
                .Append(concept.Concept.Category)
                .Select(CocoLabels.Words)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            bool OfItsCategory(Detection d) => labels.Contains(CocoLabels.Words(d.Label));
            if (concept.Box is { } box)
            {
                var itself = remaining.Where(d => OfItsCategory(d) && box.IntersectionOverUnion(d.Box) >= 0.5f).ToList();
                if (itself.Count == 0 && remaining.Select(d => (Detection: d, Overlap: box.IntersectionOverUnion(d.Box)))
                        .Where(x => x.Overlap > 0.5f).OrderByDescending(x => x.Overlap).FirstOrDefault() is { Detection: { } overlapping })
                {
                    itself.Add(overlapping);
                }

                remaining.RemoveAll(itself.Contains);
            }
            else if (remaining.Where(OfItsCategory).OrderByDescending(d => d.Score).FirstOrDefault() is { } best)
            {
                remaining.Remove(best);
            }
        }

        return remaining
            .GroupBy(d => CocoLabels.Words(d.Label))
            .OrderByDescending(g => g.Max(d => d.Score))
            .Take(4)
            .Select(g => g.Count() == 1 ? $"{Article(g.Key)} {g.Key}" : $"{g.Count()} {Plural(g.Key)}")
            .ToList();
    }

    private static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(noun[0]), StringComparison.Ordinal) ? "an" : "a";

    /// <summary>English plural of a COCO label: "skis" and "scissors" are already plural; "bus" → "buses".</summary>
    private static string Plural(string noun) =>
        noun == "person" ? "people"
        : noun is "bus" or "glass" or "wine glass" ? noun + "es"
        : noun.EndsWith('s') ? noun
        : noun.EndsWith("sh", StringComparison.Ordinal) || noun.EndsWith("ch", StringComparison.Ordinal) ? noun + "es"
        : noun + "s";

    private static string JoinNatural(IReadOnlyList<string> items) =>
        items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
        };
}
