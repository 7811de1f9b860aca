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
    // row 6 four concepts: "\"<bo>\"" and "<teapot>;" present, mia and rex not; every pool concept is this
    //       row's own truth, so nothing outside it is named                  → 2 correct, 2 none
    // correct 6, miss 1, none 3, ground truth 10: recall 6/10 = 0.6, precision 6/7 = 0.8571,
    // F1 = 2·(6/7)·(3/5) / (6/7 + 3/5) = (36/35) / (51/35) = 12/17 = 0.7059.
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
            Assert.Equal(0.8571, first.GetProperty("precision").GetDouble());
            Assert.Equal(0.6, first.GetProperty("recall").GetDouble());
            Assert.Equal(0.7059, first.GetProperty("f1").GetDouble());
            Assert.Equal((6, 1, 3), (first.GetProperty("correct").GetInt32(), first.GetProperty("miss").GetInt32(), first.GetProperty("none").GetInt32()));
            Assert.False(first.TryGetProperty("row_outcomes", out _));
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

    // Two concepts a row, pool bo, mia, rex, kiki. Only a named concept outside a row's own truth makes a miss:
    // a.jpg <bo>, <mia>: "<bo>" named, nobody else                            → correct, none
    // b.jpg <rex>, <kiki>: "Rex" and "<kiki>"                                   → correct, correct
    // c.jpg <bo>, <rex>: "<rex>" named, bo not, no outsider named              → none, correct
    // d.jpg <mia>, <kiki>: nobody named                                        → none, none
    // correct 4, miss 0, none 4: precision 4/4 = 1.0000, recall 4/8 = 0.5000, F1 = 2·1·0.5/1.5 = 0.6667.
    // (Counting every other pool concept as a miss, as this command once did, gave a and c a miss each: P 4/6.)
    private const string TwoConcepts = """
        [
          ["a.jpg", ["<bo>", "<mia>"], "<bo> and a friend sit on a bench.</s>", "Describe the image."],
          ["b.jpg", ["<rex>", "<kiki>"], "Rex and <kiki> play in the snow.", "Describe the image."],
          ["c.jpg", ["<bo>", "<rex>"], "A dog called <rex> runs.", "Describe the image."],
          ["d.jpg", ["<mia>", "<kiki>"], "Two cats nap.", "Describe the image."]
        ]
        """;

    // The worked examples, pool a, b, c:
    // 0 x.jpg <a>, <b>: only "<a>" named                                       → correct, none
    // 1 y.jpg <a>, <b>: "<a>" and "<c>" named, c outside the truth            → correct, miss
    // 2 z.jpg <c>: "<c>" named                                                 → correct
    // correct 3, miss 1, none 1: precision 3/4 = 0.75, recall 3/5 = 0.6, F1 = 2·0.75·0.6/1.35 = 0.6667.
    private const string Worked = """
        [
          ["x.jpg", ["<a>", "<b>"], "A photo of <a> in the park.", "p"],
          ["y.jpg", ["<a>", "<b>"], "A photo of <a> and <c> in the park.", "p"],
          ["z.jpg", ["<c>"], "Here is <c>.", "p"]
        ]
        """;

    // One concept a row (RePIC's eval_single_concept.py case), pool bo, mia, rex:
    // <bo> named → correct; <mia> with "<bo>" named → miss; <rex> with nobody named → none.
    // precision 1/2 = 0.5, recall 1/3 = 0.3333, F1 = 2·0.5·(1/3) / (5/6) = 0.4.
    private const string Single = """
        [
          ["1.jpg", ["<bo>"], "<bo> on the grass.", "p"],
          ["2.jpg", ["<mia>"], "<bo> on the sofa.", "p"],
          ["3.jpg", ["<rex>"], "A dog in the rain.", "p"]
        ]
        """;

    [Fact]
    public async Task ScoreCaptions_TwoConceptFileOwnTruthUnnamed_HasPerfectPrecisionAndPartialRecall()
    {
        var (exit, stdout, _) = await RunOnFilesAsync([("two.json", TwoConcepts)], "--json");

        Assert.Equal(0, exit);
        var score = JsonDocument.Parse(stdout.Trim()).RootElement;
        Assert.Equal(4, score.GetProperty("rows").GetInt32());
        Assert.Equal(1.0, score.GetProperty("precision").GetDouble());
        Assert.Equal(0.5, score.GetProperty("recall").GetDouble());
        Assert.Equal(0.6667, score.GetProperty("f1").GetDouble());
        Assert.Equal((4, 0, 4), (score.GetProperty("correct").GetInt32(), score.GetProperty("miss").GetInt32(), score.GetProperty("none").GetInt32()));
    }

    [Fact]
    public async Task ScoreCaptions_SingleConceptFile_MatchesHandComputedFigures()
    {
        var (exit, stdout, _) = await RunOnFilesAsync([("single.json", Single)]);

        Assert.Equal(0, exit);
        Assert.Contains("single.json\trows 3\tprecision 0.5000\trecall 0.3333\tF1 0.4000", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreCaptions_RowsOption_PrintsEachConceptOutcome()
    {
        var (exit, stdout, _) = await RunOnFilesAsync([("worked.json", Worked)], "--rows");

        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(4, lines.Count);
        Assert.EndsWith("worked.json\trows 3\tprecision 0.7500\trecall 0.6000\tF1 0.6667", lines[0], StringComparison.Ordinal);
        Assert.Equal("  row 0\tx.jpg\t<a> correct\t<b> none", lines[1]);
        Assert.Equal("  row 1\ty.jpg\t<a> correct\t<b> miss", lines[2]);
        Assert.Equal("  row 2\tz.jpg\t<c> correct", lines[3]);
    }

    [Fact]
    public async Task ScoreCaptions_RowsOptionWithJson_IncludesRowOutcomes()
    {
        var (exit, stdout, _) = await RunOnFilesAsync([("worked.json", Worked)], "--rows", "--json");

        Assert.Equal(0, exit);
        var score = JsonDocument.Parse(stdout.Trim()).RootElement;
        Assert.Equal(0.75, score.GetProperty("precision").GetDouble());
        Assert.Equal(0.6, score.GetProperty("recall").GetDouble());
        Assert.Equal(0.6667, score.GetProperty("f1").GetDouble());
        var rows = score.GetProperty("row_outcomes").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(1, rows[1].GetProperty("index").GetInt32());
        Assert.Equal("y.jpg", rows[1].GetProperty("image").GetString());
        Assert.Equal(
            [("a", "correct"), ("b", "miss")],
            rows[1].GetProperty("concepts").EnumerateArray().Select(c => (c.GetProperty("concept").GetString(), c.GetProperty("outcome").GetString())).ToList());
        Assert.Equal(
            [("a", "correct"), ("b", "none")],
            rows[0].GetProperty("concepts").EnumerateArray().Select(c => (c.GetProperty("concept").GetString(), c.GetProperty("outcome").GetString())).ToList());
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

    private static async Task<(int Exit, string Stdout, string Stderr)> RunOnFilesAsync((string Name, string Json)[] files, params string[] options)
    {
        var dir = Directory.CreateTempSubdirectory("captions-");
        try
        {
            var paths = new List<string>();
            foreach (var (name, json) in files)
            {
                var path = Path.Combine(dir.FullName, name);
                await File.WriteAllTextAsync(path, json);
                paths.Add(path);
            }

            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var exit = await CliApplication.RunAsync(["score-captions", .. paths, .. options], stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
