using System.Globalization;

namespace Personalization.Cli.Datasets;

/// <summary>The README.txt written into a hard benchmark: what it is, how it was made, what it does and does not show.</summary>
internal static class HardBenchmarkReadme
{
    public static string Text(HardBenchmarkOptions options, HardBenchmarkSummary summary)
    {
        var c = CultureInfo.InvariantCulture;
        string[] lines =
        [
            HardBenchmarkGenerator.Marker,
            "",
            "SYNTHETIC: every photo here was composed by `personalize make-benchmark` from the DreamBooth subject photos",
            "and a few everyday photos. None is a real photo of a real room.",
            "",
            string.Create(c, $"seed {options.Seed}; {summary.References / Math.Max(1, summary.Enrolled.Count)} reference(s) per concept; {summary.Enrolled.Count} concepts, {summary.References} references, {summary.Queries} queries, {summary.Negatives} negatives; photos {HardBenchmarkOptions.PhotoWidth}x{HardBenchmarkOptions.PhotoHeight}."),
            $"enrolled: {string.Join(' ', summary.Enrolled)}",
            $"held out (never enrolled; negatives and distractors): {string.Join(' ', summary.HeldOut)}",
            "",
            "Layout:",
            "  concepts/<subject>/r1.jpg..rK.jpg   references (from the subject's photos #1..#K, subject at 30-50 % of the width, near the middle)",
            "  concepts/<subject>/t01.jpg..        queries (only from its photos #4 on, subject at 10-30 % of the width, maybe mirrored)",
            "                                      (named t, not q: eval takes the first files BY NAME as references, and q sorts before r)",
            "  concepts/subjects.csv               subject,class",
            "  negatives/                          held-out subjects small among distractors, and every fourth pure clutter",
            "  reference-boxes.csv, query-boxes.csv  image,x,y,width,height: the pasted subject's box in pixels (image relative to concepts/)",
            "  manifest.csv                        per photo: role, subject, source photo, room, distractors' sources",
            "",
            "Evaluate:",
            // Relative paths: the file does not depend on where the benchmark was written, so two runs hash the same.
            string.Create(c, $"  personalize eval --dataset THIS_FOLDER/concepts --references {options.References} --negatives THIS_FOLDER/negatives"),
            "",
            "What it shows: recognition when the subject is SMALL (a tenth to a third of the width) in a CLUTTERED scene,",
            "with held-out look-alikes beside it (other dogs, a cat, a plush toy, a sneaker, a toy), several owned things",
            "photographed against the same few backgrounds (8 'rooms' tiled from the borders of held-out subjects' photos",
            "and from the everyday photos, each photo seeing 60-100 % of its room, maybe mirrored, in its own colour",
            "temperature), mild camera jitter; references and queries never share a source photo, and the queries are the",
            "same for 1 and 3 references with the same seed. Distractors may hide up to about a fifth of a query's subject",
            "box and never overlap a reference's. No enrolled subject is ever pasted into another's photo or a negative.",
            "",
            "What it does not show: real lighting, shadows, perspective, scale or occlusion (subjects are cut-outs with",
            "feathered edges, pasted flat, and their crops keep some of their own background); real rooms (the",
            "backgrounds are mosaics); several enrolled concepts in one photo; new poses beyond DreamBooth's 4-6 photos",
            "per subject (queries reuse the same source photos with different placements). Its numbers are not",
            "comparable with the DreamBooth figures and say nothing about real users' photos by themselves.",
        ];
        return string.Join('\n', lines) + "\n";
    }
}
