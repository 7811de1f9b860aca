using System.Text.Json.Serialization;

namespace Personalization.Reasoning.Chat;

/// <summary>The JSON answer of the fingerprint stage.</summary>
internal sealed record FingerprintAnswer(string? Description, IReadOnlyList<string?>? Attributes)
{
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Description) ? "\"description\" is missing or empty"
        : Attributes is null || Attributes.Count(a => !string.IsNullOrWhiteSpace(a)) < 3 ? "\"attributes\" must list 3 to 8 non-empty strings"
        : null;
}

/// <summary>The JSON answer of the attribute-focused reasoning stage.</summary>
internal sealed record ReasonAnswer(IReadOnlyList<ReasonCandidate?>? Candidates, string? Best, string? Rationale)
{
    public string? Problem(IReadOnlySet<string> names)
    {
        if (Candidates is null)
        {
            return "\"candidates\" is missing";
        }

        if (Candidates.FirstOrDefault(c => c?.Name is null || !names.Contains(Bare(c.Name))) is { } unknown)
        {
            return $"\"candidates\" names \"{unknown?.Name}\", which is not one of the candidates";
        }

        return Choice(names) is { } best && !names.Contains(best) ? $"\"best\" is \"{Best}\", which is not one of the candidates (use null for none)" : null;
    }

    /// <summary>The chosen name, bare; null for none (models write null, "none" or "").</summary>
    public string? Choice(IReadOnlySet<string> names) =>
        Best is null ? null
        : names.Contains(Bare(Best)) ? Bare(Best)
        : Bare(Best).ToLowerInvariant() is "" or "none" or "null" ? null
        : Best;

    /// <summary>A concept name as a model may write it (<c>&lt;Bo&gt;</c>) reduced to the name (<c>Bo</c>).</summary>
    public static string Bare(string name) => name.Trim().Trim('<', '>').Trim();
}

internal sealed record ReasonCandidate(string? Name, IReadOnlyList<string?>? Visible);

/// <summary>The JSON answer of the pairwise stage.</summary>
internal sealed record PairwiseAnswer(string? Answer, string? Evidence)
{
    [JsonIgnore]
    public bool? IsYes => Answer?.Trim().ToLowerInvariant() switch { "yes" => true, "no" => false, _ => null };

    public string? Problem() => IsYes is null ? "\"answer\" must be \"Yes\" or \"No\"" : null;
}

/// <summary>The JSON answer of the caption stage.</summary>
internal sealed record CaptionAnswer(string? Caption)
{
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Caption) ? "\"caption\" is missing or empty" : Caption.Length > 4000 ? "\"caption\" is over 4000 characters" : null;
}

/// <summary>The JSON answer of the question-answering stage.</summary>
internal sealed record QuestionReply(string? Answer, IReadOnlyList<string?>? Concepts)
{
    public string? Problem() => string.IsNullOrWhiteSpace(Answer) ? "\"answer\" is missing or empty" : null;
}
