using Personalization.Core.Ports;

namespace Personalization.Cli.Commands;

/// <summary>Expands the command line's files and folders into image sources.</summary>
internal static class ImageFiles
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif" };

    /// <summary>Files are taken as given (a non-image then fails on its own line); folders contribute their image files, recursively, sorted.</summary>
    public static IReadOnlyList<ImageSource> Expand(IEnumerable<string> paths)
    {
        var sources = new List<ImageSource>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                sources.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f)))
                    .Order(StringComparer.Ordinal)
                    .Select(ImageSource.FromFile));
            }
            else
            {
                // A missing file is reported by its own item when it is read, not here.
                sources.Add(ImageSource.FromFile(path));
            }
        }

        return sources;
    }
}
