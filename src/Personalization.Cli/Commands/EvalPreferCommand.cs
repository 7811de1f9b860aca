using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Output;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Preference;
using Personalization.Models.Imaging;
using Personalization.Models.Preference;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize eval-prefer</c>: a synthetic preference benchmark in the spirit of PreferThinker's simulated users.
/// Each user likes one style option of a dimension and dislikes another (multi-preference users: two dimensions);
/// their references are real photos rendered in those styles, and the candidate pair is one new photo rendered both
/// ways. Reports accuracy overall, per dimension, and for single- and multi-preference users.
/// </summary>
internal static class EvalPreferCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var images = new Option<string[]>("--images") { Description = "Folders of base photos (default: the first photo of each DreamBooth subject and ../shared/images).", AllowMultipleArgumentsPerToken = true };
        var users = new Option<int>("--users") { Description = "Single-preference users.", DefaultValueFactory = _ => 40 };
        var multi = new Option<int>("--multi") { Description = "Users with two preferences at once.", DefaultValueFactory = _ => 12 };
        var references = new Option<int>("--references") { Description = "Liked and disliked reference photos per user, each.", DefaultValueFactory = _ => 3 }.InRange(1);
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 7 };
        var output = new Option<string>("--out") { Description = "Folder for summary.json.", DefaultValueFactory = _ => Path.Combine("out", "eval-prefer") };
        var json = new Option<bool>("--json") { Description = "Print summary.json." };
        var sameContent = new Option<bool>("--same-content") { Description = "Render both candidates from the same photo (easier: only the style differs)." };
        var hard = new Option<bool>("--hard") { Description = "Harder users: subtle levels (saturation ±25 %, 15 % colour casts, light blur/sharpening), two dimensions at once, and users who dislike one dimension and are indifferent to the rest; always different content." };
        var command = new Command("eval-prefer", "Synthetic preference benchmark: simulated users with known tastes; accuracy overall, per dimension, single vs multi-preference.")
        {
            images, users, multi, references, seed, output, json, sameContent, hard,
        };
        command.SetAction((parse, ct) =>
        {
            var scratch = Directory.CreateTempSubdirectory("personalize-prefer-");
            return CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
            {
                try
                {
                    var bases = BaseImages(parse.GetValue(images));
                    var k = Math.Max(1, parse.GetValue(references));
                    if (bases.Count < (2 * k) + 2)
                    {
                        throw new DirectoryNotFoundException($"need at least {(2 * k) + 2} base photos, found {bases.Count}");
                    }

                    var tasks = parse.GetValue(hard)
                        ? SimulatedUsers.CreateHard(parse.GetValue(users), parse.GetValue(multi), bases.Count, k, parse.GetValue(seed))
                        : SimulatedUsers.Create(parse.GetValue(users), parse.GetValue(multi), bases.Count, k, parse.GetValue(seed), parse.GetValue(sameContent));
                    var summary = await RunAsync(services, bases, tasks, console, token).ConfigureAwait(false);
                    var outDir = Path.GetFullPath(parse.GetValue(output)!);
                    await JsonOutput.WriteAsync(Path.Combine(outDir, "summary.json"), summary, token).ConfigureAwait(false);
                    if (parse.GetValue(json))
                    {
                        await JsonOutput.PrintAsync(console.Out, summary).ConfigureAwait(false);
                    }
                    else
                    {
                        foreach (var line in summary.Lines())
                        {
                            await console.Out.WriteLineAsync(line).ConfigureAwait(false);
                        }
                    }

                    return ExitCodes.Success;
                }
                finally
                {
                    scratch.Delete(recursive: true);
                }
            }, ct, new Dictionary<string, string?> { ["LocalData:Directory"] = scratch.FullName });
        });
        return command;
    }

    private static List<string> BaseImages(string[]? folders)
    {
        if (folders is { Length: > 0 })
        {
            return [.. ImageFiles.Expand(folders).Select(s => s.Id)];
        }

        var dreambooth = CliHost.DefaultDataset();
        var firsts = Directory.Exists(dreambooth)
            ? Directory.GetDirectories(dreambooth).Order(StringComparer.Ordinal).Select(d => Directory.GetFiles(d, "*.jpg").Order(StringComparer.Ordinal).FirstOrDefault()).OfType<string>().ToList()
            : [];
        var photos = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(dreambooth)!)!, "images");
        return [.. firsts, .. Directory.Exists(photos) ? ImageFiles.Expand([photos]).Select(s => s.Id) : []];
    }

    private static async Task<PreferenceBenchmarkSummary> RunAsync(IServiceProvider services, List<string> bases, IReadOnlyList<SimulatedUser> users, CliConsole console, CancellationToken token)
    {
        var decoder = services.GetRequiredService<SkiaImageDecoder>();
        var service = services.GetRequiredService<PreferenceService>();
        var bytes = new Dictionary<int, byte[]>();
        var progress = new ProgressReporter(console, "users", users.Count);
        var results = new List<(SimulatedUser User, bool Correct, bool Consistent, double Confidence)>();
        var details = new List<SimulatedUserResult>();
        foreach (var user in users)
        {
            ImageSource Render(int baseIndex, IReadOnlyList<string> styles)
            {
                if (!bytes.TryGetValue(baseIndex, out var raw))
                {
                    raw = File.ReadAllBytes(bases[baseIndex]);
                    bytes[baseIndex] = raw;
                }

                return ImageSource.FromBytes($"{Path.GetFileName(bases[baseIndex])}[{string.Join('+', styles)}]", SyntheticStyle.Render(decoder, raw, styles));
            }

            var owner = OwnerId.Parse($"synthetic-{user.Index}");
            await service.BuildProfileAsync(owner, [.. user.LikedBases.Select(b => Render(b, user.Liked))], [.. user.DislikedBases.Select(b => Render(b, user.Disliked))], token).ConfigureAwait(false);
            var matching = Render(user.CandidateBase, user.Liked);
            var other = Render(user.OtherCandidateBase, user.Disliked);
            var verdict = user.MatchingFirst
                ? await service.JudgeAsync(owner, matching, other, token).ConfigureAwait(false)
                : await service.JudgeAsync(owner, other, matching, token).ConfigureAwait(false);
            var correct = verdict.Preferred == (user.MatchingFirst ? "A" : "B");
            results.Add((user, correct, verdict.Consistent, verdict.Confidence));
            details.Add(SimulatedUserResult.From(user, correct, verdict));
            progress.Advance();
        }

        return PreferenceBenchmarkSummary.From(results) with { Results = details };
    }
}

/// <summary>One simulated user: liked and disliked style options, and which base photos serve as references and candidate.</summary>
internal sealed record SimulatedUser(int Index, IReadOnlyList<PreferenceDimension> Dimensions, IReadOnlyList<string> Liked, IReadOnlyList<string> Disliked,
    IReadOnlyList<int> LikedBases, IReadOnlyList<int> DislikedBases, int CandidateBase, int OtherCandidateBase, bool MatchingFirst, string Kind = "single");

/// <summary>One user's outcome in summary.json: their taste, whether the verdict was right, and its dimensions.</summary>
internal sealed record SimulatedUserResult(int Index, string Kind, IReadOnlyList<string> Liked, IReadOnlyList<string> Disliked, bool Correct, string Preferred, double Confidence, IReadOnlyList<DimensionAssessment> Dimensions)
{
    public static SimulatedUserResult From(SimulatedUser user, bool correct, PreferenceVerdict verdict) =>
        new(user.Index, user.Kind, user.Liked, user.Disliked, correct, verdict.Preferred, verdict.Confidence, verdict.Dimensions);
}

internal static class SimulatedUsers
{
    private static readonly PreferenceDimension[] Measurable = [.. SyntheticStyle.Options.Keys];

    /// <summary>Subtle levels per dimension (a liked/disliked pair is two different entries of one list).</summary>
    private static readonly IReadOnlyDictionary<PreferenceDimension, string[]> Subtle = new Dictionary<PreferenceDimension, string[]>
    {
        [PreferenceDimension.Saturation] = ["saturation:1.25", "saturation:0.75"],
        [PreferenceDimension.Color] = ["cast:coral:0.15", "cast:teal:0.15", "cast:mustard:0.15", "cast:lavender:0.15", "cast:forest green:0.15"],
        [PreferenceDimension.Detail] = ["sharpen:0.5", "blur:1.2"],
        [PreferenceDimension.ArtMedium] = ["photo", "sepia", "posterized"],
    };

    /// <summary>
    /// The harder set: <paramref name="single"/> users with one subtle preference, <paramref name="multi"/> with two
    /// subtle ones at once, and as many again who dislike one subtle level of one dimension and are indifferent to the
    /// rest (liked references are plain photos; the candidates are a plain photo and one in the disliked style).
    /// Candidates are always different photos from each other and from the references.
    /// </summary>
    public static IReadOnlyList<SimulatedUser> CreateHard(int single, int multi, int baseCount, int references, int seed)
    {
        var random = new Random(seed);
        var users = new List<SimulatedUser>();
        var dims = Subtle.Keys.ToArray();
        for (var i = 0; i < single + multi + single; i++)
        {
            var kind = i < single ? "subtle" : i < single + multi ? "subtle-two" : "dislikes-one";
            var dimensions = kind == "subtle-two" ? dims.OrderBy(_ => random.Next()).Take(2).ToArray() : [dims[i % dims.Length]];
            var liked = new List<string>();
            var disliked = new List<string>();
            foreach (var d in dimensions)
            {
                var options = Subtle[d].OrderBy(_ => random.Next()).Take(2).ToArray();
                if (kind != "dislikes-one")
                {
                    liked.Add(options[0]);
                }

                // A user who dislikes one level and is indifferent to the rest cannot dislike the plain photo their liked
                // references are; every other user dislikes the level they do not like.
                disliked.Add(kind == "dislikes-one" && options[1] == "photo" ? options[0] : options[1]);
            }

            var picks = Enumerable.Range(0, baseCount).OrderBy(_ => random.Next()).Take((2 * references) + 2).ToArray();
            users.Add(new SimulatedUser(i, dimensions, liked, disliked, picks[..references], picks[references..(2 * references)], picks[^2], picks[^1], random.Next(2) == 0, kind));
        }

        return users;
    }

    public static IReadOnlyList<SimulatedUser> Create(int single, int multi, int baseCount, int references, int seed, bool sameContent)
    {
        var random = new Random(seed);
        var users = new List<SimulatedUser>();
        for (var i = 0; i < single + multi; i++)
        {
            var dimensions = i < single
                ? [Measurable[i % Measurable.Length]]
                : Measurable.OrderBy(_ => random.Next()).Take(2).ToArray();
            var liked = new List<string>();
            var disliked = new List<string>();
            foreach (var d in dimensions)
            {
                var options = SyntheticStyle.Options[d].OrderBy(_ => random.Next()).Take(2).ToArray();
                liked.Add(options[0]);
                disliked.Add(options[1]);
            }

            // The two candidates are different photos (unless told otherwise): the verdict must come from the style, not from sameness.
            var picks = Enumerable.Range(0, baseCount).OrderBy(_ => random.Next()).Take((2 * references) + 2).ToArray();
            users.Add(new SimulatedUser(i, dimensions, liked, disliked, picks[..references], picks[references..(2 * references)], picks[^2], sameContent ? picks[^2] : picks[^1], random.Next(2) == 0));
        }

        return users;
    }
}

internal sealed record PreferenceBenchmarkSummary(
    int Users,
    double Accuracy,
    double SingleAccuracy,
    double MultiAccuracy,
    IReadOnlyDictionary<string, double> PerDimension,
    int Inconsistent,
    double MeanConfidence,
    IReadOnlyDictionary<string, double>? PerKind = null)
{
    /// <summary>Every user's verdict, for looking at the ones that went wrong (summary.json only).</summary>
    public IReadOnlyList<SimulatedUserResult>? Results { get; init; }

    public static PreferenceBenchmarkSummary From(IReadOnlyList<(SimulatedUser User, bool Correct, bool Consistent, double Confidence)> results)
    {
        static double Rate(IEnumerable<bool> xs)
        {
            var list = xs.ToList();
            return list.Count == 0 ? 0 : Math.Round(list.Count(x => x) / (double)list.Count, 4);
        }

        var single = results.Where(r => r.User.Dimensions.Count == 1).ToList();
        return new PreferenceBenchmarkSummary(
            results.Count,
            Rate(results.Select(r => r.Correct)),
            Rate(single.Select(r => r.Correct)),
            Rate(results.Where(r => r.User.Dimensions.Count > 1).Select(r => r.Correct)),
            single.GroupBy(r => OfflinePreferenceModel.Name(r.User.Dimensions[0])).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Rate(g.Select(r => r.Correct))),
            results.Count(r => !r.Consistent),
            results.Count == 0 ? 0 : Math.Round(results.Average(r => r.Confidence), 4),
            results.Select(r => r.User.Kind).Distinct().Count() > 1 || results.Any(r => r.User.Kind != "single")
                ? results.GroupBy(r => r.User.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Rate(g.Select(r => r.Correct)))
                : null);
    }

    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"synthetic preference benchmark: {Users} simulated users");
        yield return string.Create(c, $"accuracy {Accuracy:F3} (single preference {SingleAccuracy:F3}, two preferences {MultiAccuracy:F3}); mean confidence {MeanConfidence:F3}; {Inconsistent} inconsistent when swapped");
        yield return $"per dimension: {string.Join(", ", PerDimension.Select(p => string.Create(c, $"{p.Key} {p.Value:F3}")))}";
        if (PerKind is not null)
        {
            yield return $"per kind of user: {string.Join(", ", PerKind.Select(p => string.Create(c, $"{p.Key} {p.Value:F3}")))}";
        }
    }
}
