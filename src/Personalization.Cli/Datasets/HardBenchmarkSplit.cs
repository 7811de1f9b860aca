namespace Personalization.Cli.Datasets;

/// <summary>
/// Which DreamBooth subjects are enrolled and which are held out. The held-out ones are never enrolled: they are the
/// negatives and the distractors, and they are chosen so that look-alikes of enrolled subjects are among them (two
/// dogs, a cat, a plush toy, a sneaker, a toy). <see cref="Enrollable"/> lists a look-alike of each held-out class
/// first, so a small <c>--subjects N</c> keeps them in.
/// </summary>
internal sealed record HardBenchmarkSplit(IReadOnlyList<HardBenchmarkSubject> Enrollable, IReadOnlyList<HardBenchmarkSubject> HeldOut)
{
    private static readonly (string Class, int Count)[] HeldOutPerClass =
        [("dog", 2), ("cat", 1), ("stuffed animal", 1), ("sneaker", 1), ("toy", 1)];

    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".bmp" };

    public static HardBenchmarkSplit Load(string dreamBooth, int seed)
    {
        if (!Directory.Exists(dreamBooth))
        {
            throw new DirectoryNotFoundException($"DreamBooth folder '{dreamBooth}' does not exist (use --dreambooth DIR)");
        }

        var classes = LabelledDataset.ReadCategories(Path.Combine(dreamBooth, "subjects.csv"));
        var subjects = Directory.GetDirectories(dreamBooth).Order(StringComparer.Ordinal)
            .Select(d => new HardBenchmarkSubject(
                Path.GetFileName(d),
                classes.GetValueOrDefault(Path.GetFileName(d), "object"),
                [.. Directory.GetFiles(d).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal)]))
            .Where(s => s.Photos.Count > 0)
            .ToList();

        var heldOut = new List<HardBenchmarkSubject>();
        var lookAlikes = new List<HardBenchmarkSubject>();
        foreach (var (cls, count) in HeldOutPerClass)
        {
            var random = HardBenchmarkRandom.For(seed, "held-out", cls, 0);
            var members = subjects.Where(s => s.Class == cls).OrderBy(_ => random.Next()).ToList();
            // Keep at least one member enrolled: a held-out look-alike is only hard if its twin is enrolled.
            var take = Math.Min(count, members.Count - 1);
            if (take <= 0)
            {
                continue;
            }

            heldOut.AddRange(members.Take(take));
            lookAlikes.AddRange(members.Skip(take).Where(CanEnrol).Take(1));
        }

        var order = HardBenchmarkRandom.For(seed, "enrolled", "", 0);
        var rest = subjects.Where(s => !heldOut.Contains(s) && !lookAlikes.Contains(s) && CanEnrol(s)).OrderBy(_ => order.Next());
        return new HardBenchmarkSplit([.. lookAlikes, .. rest], [.. heldOut.OrderBy(s => s.Name, StringComparer.Ordinal)]);
    }

    /// <summary>A subject can be enrolled only if it has a photo beyond the reference ones to make queries from.</summary>
    private static bool CanEnrol(HardBenchmarkSubject subject) => subject.Photos.Count > HardBenchmarkOptions.ReferencePhotos;
}
