using Personalization.Core.Domain;

namespace Personalization.Local.Storage;

/// <summary>
/// Removes what a crash left in an owner's data: stored photos that no concept references (copied in by an
/// enrolment that died before it wrote the index) and temporary files of writes that never finished. Only to be
/// run under the owner's lock (every writer of these files holds it), with the concepts read under that lock.
/// </summary>
internal static class OrphanSweeper
{
    /// <returns>How many files were removed.</returns>
    public static int Sweep(OwnerDataPaths paths, OwnerId owner, IReadOnlyList<Concept> concepts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(concepts);

        // Made only when there is a stored photo to judge: reading every concept's references parses every concept of an
        // index whose records are parsed when asked for.
        var referenced = new Lazy<HashSet<string>>(() => concepts
            .SelectMany(c => c.References.Select(r => r.ContentHash).Concat((c.Negatives ?? []).Select(n => n.ContentHash)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase));
        var removed = 0;
        foreach (var file in FilesIn(paths.ImagesDirectory(owner)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            var orphan = name.EndsWith(".tmp", StringComparison.Ordinal) || (IsContentHash(name) && !referenced.Value.Contains(name));
            removed += orphan && TryDelete(file) ? 1 : 0;
        }

        var conceptsFile = Path.GetFileName(paths.ConceptsFile(owner));
        foreach (var file in FilesIn(Path.GetDirectoryName(paths.ConceptsFile(owner))!))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            var orphan = name.StartsWith(conceptsFile + ".", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal);
            removed += orphan && TryDelete(file) ? 1 : 0;
        }

        return removed;
    }

    private static bool IsContentHash(string name) => name.Length is > 0 and <= 128 && name.All(char.IsAsciiHexDigit);

    private static IEnumerable<string> FilesIn(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory) : [];

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // Left for the next sweep; a file that cannot be removed now is no reason to fail the run.
        }
    }
}
