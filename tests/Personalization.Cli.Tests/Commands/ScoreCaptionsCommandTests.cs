using System.Text.Json;

namespace Personalization.Cli.Tests.Commands;

public sealed class ScoreCaptionsCommandTests
{
    // Pool = every concept named in the file: bo, teapot, mia, rex.
    // row 1 <bo>: "<bo>" is a token (after "</s>" is removed)                  → correct
    // row 2 <teapot>: "Teapot," → "teapot", bare name, any case              → correct
    // row 3 <mia>: "(<Rex>)" → "<rex>": another concept of the pool           → miss
    // row 4 <rex>: no concept at all                                          → none
    // row 5 <bo>, <mia>: "<bo>" and "mia-" → "mia"                             → correct, correct
    // row 6 four concepts: "\"<bo>\"" and "<teapot>;" present, mia and rex not, others present → 2 correct, 2 miss
    // correct 6, miss 3, none 1, ground truth 10: recall 6/10 = 0.6, precision 6/9 = 0.6667,
    // F1 = 2·0.6·(2/3) / (0.6 + 2/3) = 0.8 / 1.2667 = 0.6316.
    private const string Mixed = """
        [
          ["img/1.jpg", ["<bo>"], "A photo of <bo> sitting on the couch.</s>", "Describe the image."],
          ["img/2.jpg", ["<teapot>"], "There is a Teapot, on the table!", "Describe the image."],
          ["img/3.jpg", ["<mia>"], "(<Rex>) is playing in the garden.", "Describe the image."],
          ["img/4.jpg", ["<rex>"], "A dog is playing.", "Describe the image."],
          ["img/5.jpg", ["<bo>", "<mia>"], "<bo> and mia- are friends", "Describe the image."],
          ["img/6.jpg", ["<bo>", "<teapot>", "<mia>", "<rex>"], "\"<bo>\" met <teapot>; nobody else.", "Describe the image."]
        ]
        """;

    private const string AllRight = """
        [
          ["a.jpg", ["<bo>"], "<bo> sleeps.", "p"],
          ["b.jpg", ["<bo>", "<mia>"], "BO and <MIA> play.", "p"]
        ]
        """;

    [Fact]
    public async Task ScoreCaptions_HandComputedFiles_MatchExactly()
    {
        var dir = Directory.CreateTempSubdirectory("captions-");
        try
        {
            var mixed = Path.Combine(dir.FullName, "mixed.json");
            var right = Path.Combine(dir.FullName, "right.json");
            await File.WriteAllTextAsync(mixed, Mixed);
            await File.WriteAllTextAsync(right, AllRight);
            var stdout = new StringWriter();

            var exit = await CliApplication.RunAsync(["score-captions", mixed, right, "--json"], stdout, new StringWriter());

            Assert.Equal(0, exit);
            var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            var first = JsonDocument.Parse(lines[0]).RootElement;
            Assert.Equal(mixed, first.GetProperty("file").GetString());
            Assert.Equal(6, first.GetProperty("rows").GetInt32());
            Assert.Equal(0.6667, first.GetProperty("precision").GetDouble());
            Assert.Equal(0.6, first.GetProperty("recall").GetDouble());
            Assert.Equal(0.6316, first.GetProperty("f1").GetDouble());
            var second = JsonDocument.Parse(lines[1]).RootElement;
            Assert.Equal(1.0, second.GetProperty("precision").GetDouble());
            Assert.Equal(1.0, second.GetProperty("recall").GetDouble());
            Assert.Equal(1.0, second.GetProperty("f1").GetDouble());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ScoreCaptions_MalformedFile_ReportsItAndScoresTheRest()
    {
        var dir = Directory.CreateTempSubdirectory("captions-");
        try
        {
            var bad = Path.Combine(dir.FullName, "bad.json");
            var good = Path.Combine(dir.FullName, "good.json");
            await File.WriteAllTextAsync(bad, "[[\"a.jpg\", \"<bo>\", \"caption\"]]");
            await File.WriteAllTextAsync(good, AllRight);
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            var exit = await CliApplication.RunAsync(["score-captions", bad, good], stdout, stderr);

            Assert.Equal(1, exit);
            Assert.Contains("bad.json: row 0 is not [image_path, [names], caption, prompt]", stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains("good.json\trows 2\tprecision 1.0000\trecall 1.0000\tF1 1.0000", stdout.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
