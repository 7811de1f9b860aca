namespace Personalization.Local.Storage;

/// <summary>Where the embedded defaults keep their data (configuration section <c>LocalData</c>).</summary>
public sealed class LocalDataOptions
{
    public const string SectionName = "LocalData";

    /// <summary>The data folder; the CLI fills it from <c>--data</c>, <c>PERSONALIZATION_DATA</c>, else <c>./data</c>.</summary>
    public string Directory { get; set; } = "data";

    /// <summary>
    /// The embedded concept index scans its image vectors as int8 and rescores a shortlist in float32, which gives the same
    /// hits as the float32 scan (true, the default); false scans the float32 vectors only.
    /// </summary>
    public bool QuantizedScan { get; set; } = true;
}
