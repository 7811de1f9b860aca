using Personalization.Core.Ports;

namespace Personalization.Cli.Commands;

/// <summary>Expands the command line's files and folders into image sources.</summary>
internal static class ImageFiles
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif" };

    /// <summary>
    /// Files are taken as given (a non-image then fails on its own line); folders contribute their image files, recursively,
    /// sorted. Each folder and file is visited once by its real path, however many links lead to it (a link cycle ends
    /// there). A folder that cannot be listed, or a link that cannot be resolved, becomes one item that fails when read,
    /// with why: it gets its own error line and the rest go on.
    /// </summary>
    public static IReadOnlyList<ImageSource> Expand(IEnumerable<string> paths) => Collect(paths).Sources;

    /// <summary>
    /// The same, also naming each path that gave no image: one that does not exist (still an item, which fails when
    /// read), and a folder without images.
    /// </summary>
    public static ImageInputs Collect(IEnumerable<string> paths)
    {
        var sources = new List<ImageSource>();
        var missing = new List<string>();
        var empty = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = new List<ImageSource>();
                if (Walk(path, visited, found) && found.Count == 0)
                {
                    empty.Add(path);
                }

                sources.AddRange(found.OrderBy(s => s.Id, StringComparer.Ordinal));
            }
            else
            {
                // A missing file is reported by its own item when it is read, not here.
                sources.Add(ImageSource.FromFile(path));
                if (!File.Exists(path))
                {
                    missing.Add(path);
                }
            }
        }

        return new ImageInputs(sources, missing, empty);
    }

    /// <summary>Adds the images under <paramref name="root"/>; false when the root itself had been walked already.</summary>
    private static bool Walk(string root, HashSet<string> visited, List<ImageSource> found)
    {
        if (!TryVisit(root, visited, found))
        {
            return false;
        }

        var folders = new Stack<string>();
        folders.Push(root);
        while (folders.TryPop(out var folder))
        {

            List<string> entries;
            try
            {
                entries = [.. Directory.EnumerateFileSystemEntries(folder)];
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                found.Add(Unreadable(folder, "folder cannot be listed", e));
                continue;
            }

            foreach (var entry in entries)
            {
                if (Directory.Exists(entry))
                {
                    if (TryVisit(entry, visited, found))
                    {
                        folders.Push(entry);
                    }
                }
                else if (Extensions.Contains(Path.GetExtension(entry)) && TryVisit(entry, visited, found))
                {
                    found.Add(ImageSource.FromFile(entry));
                }
            }
        }

        return true;
    }

    /// <summary>True the first time <paramref name="path"/>'s real path is seen; a path that cannot be resolved is an unreadable item.</summary>
    private static bool TryVisit(string path, HashSet<string> visited, List<ImageSource> found)
    {
        try
        {
            return visited.Add(RealPath.Of(path));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            found.Add(Unreadable(path, "path cannot be resolved", e));
            return false;
        }
    }

    private static ImageSource Unreadable(string path, string what, Exception e)
    {
        var message = $"{what} ({(e is UnauthorizedAccessException ? "permission denied" : e.Message)})";
        return new ImageSource(path, _ => Task.FromException<ReadOnlyMemory<byte>>(new IOException(message)));
    }
}
