namespace Personalization.Cli.Datasets;

/// <summary>What <c>personalize make-benchmark</c> was asked to build; validated by <see cref="HardBenchmarkGenerator"/>.</summary>
internal sealed record HardBenchmarkOptions(
    string Out,
    string DreamBooth,
    string? Images,
    int Seed = 7,
    int References = 1,
    int? Subjects = null,
    int QueriesPerSubject = 4,
    int Negatives = 60)
{
    /// <summary>Width and height of every generated photo.</summary>
    public const int PhotoWidth = 800;

    public const int PhotoHeight = 600;

    /// <summary>References come from a subject's photos #1..#3; queries only from #4 on.</summary>
    public const int ReferencePhotos = 3;
}
