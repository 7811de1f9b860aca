using System.Globalization;
using System.Text;

namespace Personalization.Cli.Datasets;

/// <summary>
/// Builds the hard benchmark: enrolled subjects' references and queries under <c>concepts/</c> (the layout
/// <see cref="LabelledDataset"/> reads), photos of none of them under <c>negatives/</c>, the true boxes, a manifest
/// of what was pasted where, and a README. Deterministic: the same options give byte-identical files.
/// </summary>
internal static class HardBenchmarkGenerator
{
    /// <summary>The first line of README.txt; only a folder that has it is replaced.</summary>
    public const string Marker = "personalize hard benchmark (synthetic)";

    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".bmp" };

    /// <exception cref="ArgumentException">An option is out of range, or --out holds something else.</exception>
    /// <exception cref="DirectoryNotFoundException">The DreamBooth or images folder is missing.</exception>
    public static async Task<HardBenchmarkSummary> GenerateAsync(HardBenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options.References is >= 1 and <= HardBenchmarkOptions.ReferencePhotos, $"--references must be 1, 2 or 3, not {options.References}");
        Check(options.QueriesPerSubject is >= 1 and <= 99, $"--queries-per-subject must be 1 to 99, not {options.QueriesPerSubject}");
        Check(options.Negatives is >= 0 and <= 9999, $"--negatives must be 0 to 9999, not {options.Negatives}");
        var split = HardBenchmarkSplit.Load(Path.GetFullPath(options.DreamBooth), options.Seed);
        var count = options.Subjects ?? split.Enrollable.Count;
        Check(count >= 1 && count <= split.Enrollable.Count, $"--subjects must be 1 to {split.Enrollable.Count} (the subjects with 4 or more photos that are not held out), not {count}");
        var enrolled = split.Enrollable.Take(count).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var everyday = Everyday(options.Images);
        var root = Prepare(Path.GetFullPath(options.Out));

        using var cache = new HardBenchmarkPhotoCache();
        using var rooms = HardBenchmarkRooms.Build(options.Seed, cache, split.HeldOut, everyday);
        var scenes = new HardBenchmarkScenes(options.Seed, cache, rooms, split.HeldOut, everyday);
        var jobs = new List<Func<HardBenchmarkPhoto>>();
        var queryDigits = Math.Max(2, options.QueriesPerSubject.ToString(CultureInfo.InvariantCulture).Length);
        foreach (var subject in enrolled)
        {
            Directory.CreateDirectory(Path.Combine(root, "concepts", subject.Name));
            jobs.AddRange(Enumerable.Range(1, options.References).Select(k => (Func<HardBenchmarkPhoto>)(() => scenes.Reference(subject, k))));
            jobs.AddRange(Enumerable.Range(0, options.QueriesPerSubject).Select(i => (Func<HardBenchmarkPhoto>)(() => scenes.Query(subject, i, queryDigits))));
        }

        var negativeDigits = Math.Max(3, options.Negatives.ToString(CultureInfo.InvariantCulture).Length);
        jobs.AddRange(Enumerable.Range(0, options.Negatives).Select(j => (Func<HardBenchmarkPhoto>)(() => scenes.Negative(j, negativeDigits))));

        var photos = new HardBenchmarkPhoto[jobs.Count];
        await Parallel.ForAsync(0, jobs.Count, new ParallelOptions { CancellationToken = cancellationToken }, async (i, token) =>
        {
            var photo = jobs[i]();
            photos[i] = photo with { Jpeg = [] };
            await File.WriteAllBytesAsync(Path.Combine(root, photo.Image), photo.Jpeg, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var summary = new HardBenchmarkSummary(root, [.. enrolled.Select(s => s.Name)], [.. split.HeldOut.Select(s => s.Name)],
            photos.Count(p => p.Role == "reference"), photos.Count(p => p.Role == "query"), photos.Count(p => p.Role is "negative" or "clutter"));
        await WriteAsync(Path.Combine(root, "concepts", "subjects.csv"), "subject,class", enrolled.Select(s => $"{s.Name},{s.Class}"), cancellationToken).ConfigureAwait(false);
        await WriteAsync(Path.Combine(root, "reference-boxes.csv"), "image,x,y,width,height", Boxes(photos, "reference"), cancellationToken).ConfigureAwait(false);
        await WriteAsync(Path.Combine(root, "query-boxes.csv"), "image,x,y,width,height", Boxes(photos, "query"), cancellationToken).ConfigureAwait(false);
        await WriteAsync(Path.Combine(root, "manifest.csv"), "image,role,subject,source,room,distractors",
            photos.Select(p => $"{p.Image},{p.Role},{p.Subject},{p.Source},{p.Room},{string.Join(';', p.Distractors)}"), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(root, "README.txt"), HardBenchmarkReadme.Text(options, summary), cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }

    private static List<string> Everyday(string? images)
    {
        if (images is null || !Directory.Exists(images))
        {
            return images is null ? [] : throw new DirectoryNotFoundException($"images folder '{images}' does not exist");
        }

        return [.. Directory.GetFiles(images).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal)];
    }

    /// <summary>An empty or missing folder is used; one that holds a previous benchmark is replaced; anything else is refused.</summary>
    private static string Prepare(string root)
    {
        Check(!File.Exists(root), $"--out '{root}' is a file");
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            var readme = Path.Combine(root, "README.txt");
            Check(File.Exists(readme) && File.ReadLines(readme).FirstOrDefault() == Marker,
                $"--out '{root}' is not empty and holds no previous benchmark (no README.txt from make-benchmark); choose another folder");
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(root, "concepts"));
        Directory.CreateDirectory(Path.Combine(root, "negatives"));
        return root;
    }

    private static IEnumerable<string> Boxes(IEnumerable<HardBenchmarkPhoto> photos, string role) =>
        photos.Where(p => p.Role == role && p.Box is not null)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Image["concepts/".Length..]},{p.Box!.Value.Left},{p.Box.Value.Top},{p.Box.Value.Width},{p.Box.Value.Height}"));

    private static async Task WriteAsync(string path, string header, IEnumerable<string> rows, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }

        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken).ConfigureAwait(false);
    }
}
