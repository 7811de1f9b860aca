namespace Personalization.Core.Metrics;

/// <summary>One evaluated query: its truth (null for a negative), the answer, the retrieval ranking, the stage and caption.</summary>
/// <param name="Ranked">Retrieved candidates, best first (the chain's top-k).</param>
/// <param name="AlsoPresent">Other concepts the answer named as also in the photo.</param>
public sealed record EvaluatedImage(string Id, string? Truth, string? Predicted, IReadOnlyList<string> Ranked, string Stage, string Caption, float Score, IReadOnlyList<string>? AlsoPresent = null);
