namespace Personalization.Azure.Handlers;

/// <summary>The optional <c>concept.json</c> beside a concept's reference photos; blob metadata overrides it.</summary>
public sealed record ConceptSidecar(string? Name, string? Category, string? Description, IReadOnlyList<string>? Attributes);
