using Personalization.Core.Domain;

namespace Personalization.Cli.Datasets;

/// <summary>
/// A folder with one sub-folder per concept (folder name = concept name) and an optional
/// <c>subjects.csv</c> (<c>subject,class</c>) giving categories. The first N files of each concept
/// (sorted by name) are its references; the rest are queries whose truth is the folder.
/// </summary>
internal sealed record LabelledDataset(string Root, IReadOnlyList<LabelledConcept> Concepts, IReadOnlyList<string> Skipped)
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".bmp" };

    public IEnumerable<(string Path, string Truth)> Queries => Concepts.SelectMany(c => c.Queries.Select(q => (q, c.Name.Value)));

    public static LabelledDataset Load(string root, int references)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(references, 1);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"dataset folder '{root}' does not exist");
        }

        var categories = ReadCategories(Path.Combine(root, "subjects.csv"));
        var concepts = new List<LabelledConcept>();
        var skipped = new List<string>();
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetFileName(dir);
            if (!ConceptName.TryParse(folder, out var name, out var error))
            {
                skipped.Add($"{folder}: {error}");
                continue;
            }

            var files = Directory.GetFiles(dir).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                skipped.Add($"{folder}: no images");
                continue;
            }

            concepts.Add(new LabelledConcept(name, categories.GetValueOrDefault(folder, "object"), [.. files.Take(references)], [.. files.Skip(references)]));
        }

        return new LabelledDataset(root, concepts, skipped);
    }

    /// <summary>Throws <see cref="NothingToDoException"/> when there is nothing to recognise: no concept folder with images, or every image a reference and no negatives.</summary>
    public void EnsureSomethingToRecognise(int negatives)
    {
        if (Concepts.Count == 0)
        {
            throw new NothingToDoException($"no images in dataset folder '{Root}': it needs one sub-folder of images per concept");
        }

        if (negatives == 0 && !Queries.Any())
        {
            throw new NothingToDoException($"nothing to recognise in '{Root}': every image is a reference (--references {Concepts.Max(c => c.References.Count)})");
        }
    }

    /// <summary>Reads <c>subject,class</c> lines after a header; an absent file is no categories.</summary>
    internal static Dictionary<string, string> ReadCategories(string csv)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(csv))
        {
            return result;
        }

        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            var parts = line.Split(',', 2);
            if (parts.Length == 2 && parts[0].Trim().Length > 0)
            {
                result[parts[0].Trim()] = parts[1].Trim();
            }
        }

        return result;
    }
}

internal sealed record LabelledConcept(ConceptName Name, string Category, IReadOnlyList<string> References, IReadOnlyList<string> Queries);
