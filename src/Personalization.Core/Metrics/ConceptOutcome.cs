namespace Personalization.Core.Metrics;

/// <summary>One ground-truth concept of a caption (bare, lower-cased) and what the caption metric made of it.</summary>
public sealed record ConceptOutcome(string Concept, CaptionOutcome Outcome);
