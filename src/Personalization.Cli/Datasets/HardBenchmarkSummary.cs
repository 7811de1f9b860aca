namespace Personalization.Cli.Datasets;

/// <summary>What a generated hard benchmark holds.</summary>
internal sealed record HardBenchmarkSummary(string Root, IReadOnlyList<string> Enrolled, IReadOnlyList<string> HeldOut, int References, int Queries, int Negatives)
{
    public string Concepts => Path.Combine(Root, "concepts");

    public string NegativesFolder => Path.Combine(Root, "negatives");
}
