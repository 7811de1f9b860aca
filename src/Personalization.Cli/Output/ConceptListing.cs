using Personalization.Core.Domain;

namespace Personalization.Cli.Output;

/// <summary>
/// What <c>concepts --json</c> prints: the owner's concepts with their category, description, attributes (and where
/// each came from) and reference photos, each with the region it was enrolled from. Vectors stay in the index.
/// </summary>
internal sealed record ConceptListing(string Owner, IReadOnlyList<ConceptListing.Entry> Concepts)
{
    public static ConceptListing From(OwnerId owner, IEnumerable<Concept> concepts) =>
        new(owner.Value, [.. concepts.Select(c => new Entry(
            c.Name.Value,
            c.Category,
            c.Description,
            [.. c.Fingerprint.Select(f => new AttributeEntry(f.Text, f.Source))],
            [.. c.References.Select(r => new ReferenceEntry(r.FileName, r.ContentHash, r.Width, r.Height, r.Focus?.Source, r.Focus?.Box, r.Focus?.Label, r.Local?.Count ?? 0, r.Origin))]))]);

    internal sealed record Entry(string Name, string Category, string Description, IReadOnlyList<AttributeEntry> Attributes, IReadOnlyList<ReferenceEntry> References);

    internal sealed record AttributeEntry(string Text, string Source);

    /// <param name="Region">How the region was chosen (<c>user</c>, <c>detector</c>, <c>centre</c>, <c>found</c>, <c>whole</c>); null when enrolled before regions.</param>
    internal sealed record ReferenceEntry(string FileName, string ContentHash, int Width, int Height, string? Region, BoundingBox? Box, string? Label, int Keypoints, string? Origin);
}
