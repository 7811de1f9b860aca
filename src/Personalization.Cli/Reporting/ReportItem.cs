using Personalization.Cli.Evaluation;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Reporting;

/// <summary>One photo as the report shows it: its place (the card's anchor), its outcome, thumbnail and whether the answer is weak.</summary>
/// <param name="Number">Position among the cards, from 1; the card's id is <c>card-Number</c>.</param>
internal sealed record ReportItem(int Number, LabelledOutcome Item, string? Thumb, bool Weak)
{
    public string Anchor => $"card-{Number}";

    public RecognitionResult? Result => Item.Outcome.Result;

    /// <summary>error, wrong (labelled and not correct), none (no concept named) or ok.</summary>
    public string State => Result is not { } r ? "error" : Item.Labelled && !Item.Correct ? "wrong" : r.Concept is null ? "none" : "ok";

    /// <summary>The stage that decided, or "error" when the photo failed.</summary>
    public string Stage => Result?.Stage ?? "error";

    public string? Answer => Result?.Concept?.Value;

    /// <summary>The concept this photo is listed under in the index: its truth in a labelled run, else its answer; null for none.</summary>
    public string? IndexConcept => Item.Labelled ? Item.Truth : Answer;

    public string ShortName => Path.GetFileName(Item.Outcome.Id) is { Length: > 0 } name ? name : Item.Outcome.Id;
}
