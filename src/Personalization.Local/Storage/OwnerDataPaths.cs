using Personalization.Core.Domain;

namespace Personalization.Local.Storage;

/// <summary>Where one data folder keeps each owner's files; the one place those paths are spelled.</summary>
internal sealed class OwnerDataPaths(string dataDirectory)
{
    private readonly string _root = Path.GetFullPath(dataDirectory);

    /// <summary>The owner's concepts: <c>{data}/owners/{owner}/concepts.json</c>.</summary>
    public string ConceptsFile(OwnerId owner) => Path.Combine(_root, "owners", owner.Value, "concepts.json");

    /// <summary>Held by whoever changes the owner's concepts or stored photos.</summary>
    public string LockFile(OwnerId owner) => ConceptsFile(owner) + ".lock";

    /// <summary>The owner's stored reference photos, one file per content hash: <c>{data}/images/{owner}</c>.</summary>
    public string ImagesDirectory(OwnerId owner) => Path.Combine(_root, "images", owner.Value);
}
