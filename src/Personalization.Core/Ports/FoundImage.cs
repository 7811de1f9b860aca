namespace Personalization.Core.Ports;

/// <summary>One image a query found: where it lives, its content hash, and every concept recognised in it.</summary>
/// <param name="Confidence">The queried concept's confidence in it (0 for a query without a concept).</param>
public sealed record FoundImage(string Path, string ContentHash, float Confidence, IReadOnlyList<IndexedConcept> Concepts);
