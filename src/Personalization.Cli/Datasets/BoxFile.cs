using System.Globalization;
using Personalization.Core.Domain;

namespace Personalization.Cli.Datasets;

/// <summary>
/// Boxes on a dataset's photos (drawn on reference photos, or where the concept truly is in queries), from a CSV file
/// <c>image,x,y,width,height</c> (a header line; <c>image</c> relative to the dataset root; pixels of that image). Keyed
/// by the image's full path.
/// </summary>
internal static class BoxFile
{
    /// <param name="what">What the file holds, for the error when it is missing (<c>reference boxes</c>).</param>
    /// <exception cref="FormatException">A line is not five fields, a number does not parse, or an image is listed twice.</exception>
    public static Dictionary<string, BoundingBox> Load(string csv, string datasetRoot, string what)
    {
        if (!File.Exists(csv))
        {
            throw new FileNotFoundException($"{what} file '{csv}' does not exist");
        }

        var boxes = new Dictionary<string, BoundingBox>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in File.ReadLines(csv))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || (number == 1 && line.StartsWith("image,", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length != 5)
            {
                throw new FormatException($"{Path.GetFileName(csv)} line {number}: expected image,x,y,width,height");
            }

            var values = new float[4];
            for (var k = 0; k < 4; k++)
            {
                if (!float.TryParse(parts[k + 1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !float.IsFinite(values[k]))
                {
                    throw new FormatException($"{Path.GetFileName(csv)} line {number}: '{parts[k + 1].Trim()}' is not a number");
                }
            }

            var path = Path.GetFullPath(Path.Combine(datasetRoot, parts[0].Trim()));
            if (!path.StartsWith(Path.GetFullPath(datasetRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new FormatException($"{Path.GetFileName(csv)} line {number}: '{parts[0].Trim()}' is outside the dataset");
            }

            if (!boxes.TryAdd(path, new BoundingBox(values[0], values[1], values[2], values[3])))
            {
                throw new FormatException($"{Path.GetFileName(csv)} line {number}: '{parts[0].Trim()}' is listed twice");
            }
        }

        return boxes;
    }
}
