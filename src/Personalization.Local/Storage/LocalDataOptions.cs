namespace Personalization.Local.Storage;

/// <summary>Where the embedded defaults keep their data (configuration section <c>LocalData</c>).</summary>
public sealed class LocalDataOptions
{
    public const string SectionName = "LocalData";

    /// <summary>The data folder; the CLI fills it from <c>--data</c>, <c>PERSONALIZATION_DATA</c>, else <c>./data</c>.</summary>
    public string Directory { get; set; } = "data";
}
