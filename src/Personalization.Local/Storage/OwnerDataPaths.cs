using Personalization.Core.Domain;

namespace Personalization.Local.Storage;

/// <summary>Where one data folder keeps each owner's files; the one place those paths are spelled.</summary>
internal sealed class OwnerDataPaths(string dataDirectory)
{
    private readonly string _root = Path.GetFullPath(dataDirectory);

    /// <summary>The owner's concepts as one JSON file: <c>{data}/owners/{owner}/concepts.json</c> (the format before segments, read and migrated on the next write).</summary>
    public string ConceptsFile(OwnerId owner) => Path.Combine(_root, "owners", owner.Value, "concepts.json");

    /// <summary>
    /// The owner's concept index: <c>{data}/owners/{owner}/concepts.manifest.json</c>, naming the segment files (beside it)
    /// that hold the concepts and their vectors. Where it is missing, <see cref="ConceptsFile"/> is the index of old.
    /// </summary>
    public string ManifestFile(OwnerId owner) => Path.Combine(_root, "owners", owner.Value, "concepts.manifest.json");

    /// <summary>A segment of the owner's concept index, by the name the manifest gives it.</summary>
    public string SegmentFile(OwnerId owner, string name) => Path.Combine(_root, "owners", owner.Value, name);

    /// <summary>Held by whoever changes the owner's concepts or stored photos.</summary>
    public string LockFile(OwnerId owner) => ConceptsFile(owner) + ".lock";

    /// <summary>The owner's stored reference photos, one file per content hash: <c>{data}/images/{owner}</c>.</summary>
    public string ImagesDirectory(OwnerId owner) => Path.Combine(_root, "images", owner.Value);
}
