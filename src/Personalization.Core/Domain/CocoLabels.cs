namespace Personalization.Core.Domain;

/// <summary>
/// COCO labels as words. The detector's label file (<c>detectors/coco80.txt</c>, the PASCAL VOC spellings) runs a few
/// names together — <c>diningtable</c>, <c>pottedplant</c>, <c>tvmonitor</c> — and uses British or old forms
/// (<c>aeroplane</c>, <c>motorbike</c>, <c>sofa</c>, <c>hair drier</c>) that stay as they are: they are words.
/// </summary>
public static class CocoLabels
{
    private static readonly Dictionary<string, string> RunTogether = new(StringComparer.OrdinalIgnoreCase)
    {
        ["diningtable"] = "dining table",
        ["pottedplant"] = "potted plant",
        ["tvmonitor"] = "tv monitor",
    };

    /// <summary>The label as a person writes it: <c>diningtable</c> → <c>dining table</c>; any other label unchanged.</summary>
    public static string Words(string label) =>
        RunTogether.TryGetValue(label ?? string.Empty, out var words) ? words : label ?? string.Empty;
}
