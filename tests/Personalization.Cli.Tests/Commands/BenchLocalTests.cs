using System.Globalization;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary><c>bench --local</c> in its small size: the 30 DreamBooth subjects, then 30 distractors more, 4 queries.</summary>
public sealed class BenchLocalTests
{
    [SharedFact]
    public async Task BenchLocal_TwoOwnerSizes_OneSaneRowEach()
    {
        using var cli = new CliRun();

        var (exit, output, error) = await cli.RunAsync("bench", "--local", "--references", "30", "60", "--queries", "4");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var header = Array.FindIndex(lines, l => l.StartsWith("refs", StringComparison.Ordinal));
        Assert.True(header > 0, output);
        var rows = lines.Skip(header + 1).Take(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["30", "60"], rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            Assert.Equal(15, row.Length);
            var (refs, pairsAll, pairsShort) = (Number(row[0]), Number(row[1]), Number(row[2]));
            Assert.Equal(refs, pairsAll);
            Assert.InRange(pairsShort, 1, pairsAll);
            Assert.All(row[3..9], v => Assert.True(Number(v) >= 0, v));
            var (found, kept) = (Number(row[9]), Number(row[10]));
            Assert.InRange(found, 0, 4);
            Assert.InRange(kept, 0, found);
            if (found > 0)
            {
                Assert.InRange(Number(row[11]), 0, 1);
                Assert.Equal(kept / found, Number(row[11]), 3);
            }
            else
            {
                Assert.Equal("n/a", row[11]);
            }

            Assert.InRange(Number(row[12]), 0, 1);
            if (refs == 30)
            {
                Assert.Equal("-", row[13]);
            }
            else
            {
                Assert.True(Number(row[13]) >= 0, row[13]);
            }

            Assert.InRange(Number(row[14]), 0, 1);
        }

        Assert.Contains("enrolling 30 distractors", error, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task BenchLocal_FewerReferencesThanSubjects_OneErrorLineAndExitTwo()
    {
        using var cli = new CliRun();

        var (exit, _, error) = await cli.RunAsync("bench", "--local", "--references", "10", "--queries", "1");

        Assert.Equal(ExitCodes.Fatal, exit);
        Assert.Equal("error: every owner holds the 30 subjects: --references must be at least 30", error.Trim());
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
