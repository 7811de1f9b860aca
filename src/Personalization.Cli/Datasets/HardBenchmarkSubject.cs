namespace Personalization.Cli.Datasets;

/// <summary>One DreamBooth subject: its folder name, its class (subjects.csv) and its photos sorted by name.</summary>
internal sealed record HardBenchmarkSubject(string Name, string Class, IReadOnlyList<string> Photos)
{
    /// <summary>The photo's name as the manifest shows it: <c>subject/file</c>.</summary>
    public string Label(string photo) => $"{Name}/{Path.GetFileName(photo)}";
}
