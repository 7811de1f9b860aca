namespace Personalization.Cli.Commands;

/// <summary>
/// A path with every symbolic link in it resolved, component by component (what <c>realpath</c> gives), so that two
/// ways to reach one folder compare equal. A link cycle is an <see cref="IOException"/>, as in the kernel.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Components(full[current.Length..]).Reverse());
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links in '{path}'");
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var t in Components(target).Reverse())
            {
                pending.Push(t);
            }
        }

        return current;
    }

    private static IEnumerable<string> Components(string relative) => relative.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}
