namespace Personalization.Azure.Handlers;

/// <summary>The optional <c>concept.json</c> beside a concept's reference photos; blob metadata overrides it.</summary>
/// <param name="Boxes">The object's box in some of the photos: file name → <c>x,y,width,height</c> (original pixels).</param>
public sealed record ConceptSidecar(string? Name, string? Category, string? Description, IReadOnlyList<string>? Attributes, IReadOnlyDictionary<string, string>? Boxes = null);
