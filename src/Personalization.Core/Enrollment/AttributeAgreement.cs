using Personalization.Core.Ports;

namespace Personalization.Core.Enrollment;

/// <summary>
/// Keeps what the product says about a concept in agreement with what the user told it. The user's words come
/// first and as written: each attribute they gave, each comma- or semicolon-separated part of their description
/// (<c>golden, red collar</c> → <c>golden</c>, <c>red collar</c>) and their category. A derived attribute (detector,
/// classifier, colour, VLM) is kept only when it does not contradict them: a colour whose family is none of the
/// families of the colour words the user wrote (<c>silver</c> for a dog described <c>golden</c>), or a label of
/// another kind than the user's category (<c>tabby</c> for a dog, <c>golden retriever</c> for a corgi, <c>Pembroke</c>
/// for a teapot).
/// </summary>
public static class AttributeAgreement
{
    public const string UserSource = "user";

    /// <summary>Words longer than this are a sentence, not an attribute: kept in the description only.</summary>
    private const int MaxWordsPerTerm = 6;

    /// <summary>The user's own attributes, in order: what they listed, the parts of their description, their category.</summary>
    /// <param name="category">The category, or null when the user gave none.</param>
    public static IReadOnlyList<string> UserTerms(string? category, string? description, IEnumerable<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var terms = new List<string>(attributes.Select(a => a.Trim()).Where(a => a.Length > 0));
        if (!string.IsNullOrWhiteSpace(description))
        {
            terms.AddRange(description
                .Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => t.TrimEnd('.', '!').Trim())
                .Where(t => t.Length > 0 && t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxWordsPerTerm));
        }

        if (!string.IsNullOrWhiteSpace(category) && !category.Trim().Equals("object", StringComparison.OrdinalIgnoreCase))
        {
            terms.Add(category.Trim());
        }

        return [.. terms.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Why a derived attribute contradicts the user's words, or null when it does not.
    /// </summary>
    /// <param name="category">The user's category, or null when they gave none.</param>
    /// <param name="userTerms">Everything the user wrote about the concept (<see cref="UserTerms"/>).</param>
    /// <param name="kinds">What kind of thing each label names (<see cref="LabelKinds.CocoOnly"/> when null).</param>
    public static string? Contradiction(ProposedAttribute derived, string? category, IReadOnlyList<string> userTerms, LabelKinds? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(derived);
        ArgumentNullException.ThrowIfNull(userTerms);
        var userColours = userTerms.SelectMany(ColorWords.FamiliesIn).ToHashSet(StringComparer.Ordinal);
        if (userColours.Count > 0)
        {
            var derivedColours = ColorWords.FamiliesIn(derived.Text).ToList();
            if (derived.Source == "color" ? derivedColours.Count > 0 && !derivedColours.Any(userColours.Contains)
                : derivedColours.Count > 0 && derivedColours.All(f => !userColours.Contains(f)) && ColorWords.IsOnlyColour(derived.Text))
            {
                return $"colour '{derived.Text}' is not among the colours you wrote ({string.Join(", ", userColours.Order(StringComparer.Ordinal))})";
            }
        }

        if (category is not null && derived.Source is "detector" or "classifier" && (kinds ?? LabelKinds.CocoOnly).Contradicts(derived.Text, derived.Source, category))
        {
            return $"'{derived.Text}' is not a {category}";
        }

        return null;
    }

    /// <summary>The user's terms first (source <c>user</c>), then the derived attributes that agree with them, each text once.</summary>
    public static (IReadOnlyList<ProposedAttribute> Kept, IReadOnlyList<(ProposedAttribute Attribute, string Reason)> Dropped) Merge(
        string? category, IReadOnlyList<string> userTerms, IEnumerable<ProposedAttribute> derived, LabelKinds? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(userTerms);
        ArgumentNullException.ThrowIfNull(derived);
        var kept = userTerms.Select(t => new ProposedAttribute(t, UserSource)).ToList();
        var dropped = new List<(ProposedAttribute, string)>();
        foreach (var attribute in derived.Where(a => a.Source != UserSource))
        {
            if (Contradiction(attribute, category, userTerms, kinds) is { } reason)
            {
                dropped.Add((attribute, reason));
            }
            else
            {
                kept.Add(attribute);
            }
        }

        return ([.. kept.DistinctBy(a => a.Text, StringComparer.OrdinalIgnoreCase)], dropped);
    }
}
