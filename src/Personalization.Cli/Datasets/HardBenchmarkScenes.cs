using System.Globalization;
using SkiaSharp;

namespace Personalization.Cli.Datasets;

/// <summary>
/// Composes the benchmark's photos. Each photo draws all its randomness from its own generator
/// (<see cref="HardBenchmarkRandom"/>), so the same (seed, subject, index) always gives the same photo. Distractors
/// are held-out subjects and everyday-photo crops only: no enrolled subject is ever pasted into another's photo.
/// Thread-safe once built (it only reads its sources).
/// </summary>
internal sealed class HardBenchmarkScenes(int seed, HardBenchmarkPhotoCache cache, HardBenchmarkRooms rooms, IReadOnlyList<HardBenchmarkSubject> heldOut, IReadOnlyList<string> everyday)
{
    private const int W = HardBenchmarkOptions.PhotoWidth;
    private const int H = HardBenchmarkOptions.PhotoHeight;

    /// <summary>Reference <paramref name="k"/> (1-based) from the subject's photo #k: the subject large and near the middle, 1–2 distractors of other kinds.</summary>
    public HardBenchmarkPhoto Reference(HardBenchmarkSubject subject, int k)
    {
        var random = HardBenchmarkRandom.For(seed, "reference", subject.Name, k);
        var photo = subject.Photos[k - 1];
        var unlike = heldOut.Where(s => s.Class != subject.Class).ToList();
        return Compose(random, $"concepts/{subject.Name}/r{k}.jpg", "reference", subject, photo, (0.30, 0.50), random.Next(1, 3), unlike, [], (0.10, 0.22));
    }

    /// <summary>Query <paramref name="index"/> (0-based), cycling through the subject's photos #4 on: the subject small, 2–4 distractors, look-alikes first.</summary>
    public HardBenchmarkPhoto Query(HardBenchmarkSubject subject, int index, int digits)
    {
        var random = HardBenchmarkRandom.For(seed, "query", subject.Name, index);
        var queries = subject.Photos.Skip(HardBenchmarkOptions.ReferencePhotos).ToList();
        var name = (index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        var alike = heldOut.Where(s => s.Class == subject.Class).ToList();
        return Compose(random, $"concepts/{subject.Name}/t{name}.jpg", "query", subject, queries[index % queries.Count], (0.10, 0.30), random.Next(2, 5), heldOut, alike, (0.10, 0.30));
    }

    /// <summary>Negative <paramref name="index"/>: every fourth is pure clutter, the others show a held-out subject small among distractors.</summary>
    public HardBenchmarkPhoto Negative(int index, int digits)
    {
        var random = HardBenchmarkRandom.For(seed, "negative", "", index);
        var image = $"negatives/n{(index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')}.jpg";
        if (index % 4 == 3 || heldOut.Count == 0)
        {
            return Compose(random, image, "clutter", null, null, (0, 0), random.Next(3, 6), [], [], (0.12, 0.30));
        }

        var shown = index - (index / 4);
        var subject = heldOut[shown % heldOut.Count];
        var photo = subject.Photos[shown / heldOut.Count % subject.Photos.Count];
        var others = heldOut.Where(s => s != subject).ToList();
        return Compose(random, image, "negative", subject, photo, (0.10, 0.30), random.Next(2, 5), others, [.. others.Where(s => s.Class == subject.Class)], (0.10, 0.30));
    }

    private HardBenchmarkPhoto Compose(Random random, string image, string role, HardBenchmarkSubject? subject, string? photo, (double Low, double High) size,
        int distractorCount, IReadOnlyList<HardBenchmarkSubject> props, IReadOnlyList<HardBenchmarkSubject> lookAlikes, (double Low, double High) propSize)
    {
        var room = random.Next(HardBenchmarkRooms.Count);
        var view = HardBenchmarkRooms.View(random);
        HardBenchmarkSticker? main = null;
        if (subject is not null && photo is not null)
        {
            var (crop, w, h) = HardBenchmarkLayout.Fit(HardBenchmarkLayout.CentralCrop(cache.Get(photo), random), random.Between(size.Low, size.High), 0.85);
            // A reference's box is what gets enrolled: a rounded mask with a narrow feather keeps the room out of it.
            var reference = role == "reference";
            main = new HardBenchmarkSticker(photo, subject.Label(photo), crop, reference ? HardBenchmarkLayout.NearCentre(random, w, h) : HardBenchmarkLayout.Anywhere(random, w, h), random.Next(2) == 1 && !reference, random.Next(2) == 0 && !reference, false)
            {
                Feather = reference ? 0.025f : 0.06f,
            };
        }

        // Nothing may overlap a reference's box (it would be enrolled with the subject); a query's subject may be a fifth hidden.
        var stickers = Distractors(random, distractorCount, main?.Box, props, lookAlikes, propSize, role == "clutter", role == "reference" ? 0 : 0.18);
        using var bitmap = new SKBitmap(new SKImageInfo(W, H, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            HardBenchmarkRooms.Draw(canvas, rooms[room], view);
            foreach (var sticker in stickers.Where(s => !s.Over).Append(main).Concat(stickers.Where(s => s.Over)))
            {
                if (sticker is not null)
                {
                    HardBenchmarkCompositor.Paste(canvas, cache.Get(sticker.Source), sticker);
                }
            }
        }

        var jpeg = HardBenchmarkCompositor.Finish(bitmap, random);
        return new HardBenchmarkPhoto(image, role, subject?.Name, main?.Label, main?.Box, $"room{room + 1}", [.. stickers.Select(s => s.Label)], jpeg);
    }

    private List<HardBenchmarkSticker> Distractors(Random random, int count, SKRectI? subject, IReadOnlyList<HardBenchmarkSubject> props,
        IReadOnlyList<HardBenchmarkSubject> lookAlikes, (double Low, double High) size, bool clutterOnly, double hidden)
    {
        var stickers = new List<HardBenchmarkSticker>();
        var used = new HashSet<HardBenchmarkSubject>();
        long covered = 0;
        for (var i = 0; i < count; i++)
        {
            // The first distractor is, most of the time, a held-out look-alike of the subject: the hard case.
            var alike = i == 0 && lookAlikes.Count > 0 && random.NextDouble() < 0.85;
            var pool = (alike ? lookAlikes : props).Where(p => !used.Contains(p)).ToList();
            var useSubject = !clutterOnly && pool.Count > 0 && (everyday.Count == 0 || alike || random.NextDouble() < 0.5);
            string source, label;
            SKRect crop;
            if (useSubject)
            {
                var prop = random.Pick(pool);
                used.Add(prop);
                source = random.Pick(prop.Photos);
                label = prop.Label(source);
                crop = HardBenchmarkLayout.CentralCrop(cache.Get(source), random);
            }
            else if (everyday.Count > 0)
            {
                source = random.Pick(everyday);
                label = $"images/{Path.GetFileName(source)}";
                crop = HardBenchmarkLayout.AnyCrop(cache.Get(source), random);
            }
            else
            {
                continue;
            }

            var (fitted, w, h) = HardBenchmarkLayout.Fit(crop, random.Between(size.Low, size.High), 0.6);
            if (HardBenchmarkLayout.Beside(random, w, h, subject, ref covered, hidden) is { } box)
            {
                stickers.Add(new HardBenchmarkSticker(source, label, fitted, box, random.Next(2) == 1, random.Next(2) == 0, random.Next(2) == 0));
            }
        }

        return stickers;
    }
}
