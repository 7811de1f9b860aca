using System.Text.Json;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary><c>bench --index</c> at a size past the int8 scan's threshold: its search finds exactly what the float scan finds.</summary>
public sealed class BenchIndexTests
{
    [SharedFact]
    public async Task BenchIndex_OwnerScannedAsInt8_HasTheFloatScansHits()
    {
        using var cli = new CliRun();

        var (exit, output, error) = await cli.RunAsync("bench", "--index", "1200", "--json");

        Assert.True(exit == 0, error);
        using var report = JsonDocument.Parse(output);
        var row = Assert.Single(report.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal(1200, row.GetProperty("size").GetInt32());
        Assert.Equal(1.0, row.GetProperty("recall10").GetDouble());
        Assert.True(row.GetProperty("identical").GetBoolean(), output);
        Assert.True(row.GetProperty("photo_ms").GetDouble() > 0, output);
    }
}
