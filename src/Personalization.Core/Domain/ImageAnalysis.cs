namespace Personalization.Core.Domain;

/// <summary>
/// What the perception models saw in one image: the detections, the regions that were embedded
/// (the whole image first, then the chosen detector crops) and the dominant colours.
/// </summary>
/// <param name="ContentHash">SHA-256 of the file's bytes, lower-case hex: the idempotency key.</param>
/// <param name="Local">Local features (keypoints and descriptors) for geometric verification; null when disabled.</param>
/// <param name="Focus">For a reference photo: the object region the concept was enrolled from (the user's box, or the
/// one chosen automatically); its regions and local features then come from that region only. Null for a query.</param>
/// <param name="Surroundings">For a reference photo: local features of the photo outside its focus (the room), capped.</param>
/// <param name="Rooms">For a reference photo: embedded grid tiles of the photo that lie outside its focus (the room).</param>
/// <param name="PixelScale">Pixels of the decoded image the regions were cut from per pixel of the file (1 when the file
/// was decoded at full size): a region's box times this is how many pixels the encoder really had.</param>
public sealed record ImageAnalysis(
    string ContentHash,
    int Width,
    int Height,
    IReadOnlyList<Detection> Detections,
    IReadOnlyList<ImageRegion> Regions,
    IReadOnlyList<NamedColor> DominantColors,
    LocalFeatures? Local = null,
    ReferenceFocus? Focus = null,
    LocalFeatures? Surroundings = null,
    IReadOnlyList<ImageRegion>? Rooms = null,
    double PixelScale = 1);

/// <summary>The object region of a reference photo and how it was chosen.</summary>
/// <param name="Source"><c>user</c> (a box the user drew), <c>detector</c> (the detection nearest the centre, weighted
/// by size), <c>centre</c> (no detection near the middle: the middle of the photo, where people put what they
/// photograph), <c>found</c> (where recognition found the object in a confirmed photo, cut from what surrounds it) or
/// <c>whole</c> (the photo is too small to cut: the whole photo).</param>
public sealed record ReferenceFocus(BoundingBox Box, string Source, string? Label)
{
    public const string User = "user";
    public const string Detector = "detector";
    public const string Centre = "centre";
    public const string Found = "found";
    public const string Whole = "whole";
}

/// <summary>One embedded region of an image.</summary>
/// <param name="Source"><c>image</c> for the whole image, <c>detection</c> for a detector crop, <c>proposal</c> for a weaker
/// detector box, <c>tile</c> for a grid tile.</param>
/// <param name="Label">The detector's label for a crop; null for the whole image.</param>
/// <param name="ImageVector">L2-normalised image-encoder feature.</param>
/// <param name="TextVector">L2-normalised feature in the text encoder's space (CLIP: the image embedding itself;
/// CNN: the label bridge, ImageNet label probabilities mapped through the label embeddings).</param>
/// <param name="TopLabels">The image classifier's most likely labels for the region, when it has any.</param>
public sealed record ImageRegion(
    BoundingBox Box,
    string Source,
    string? Label,
    float DetectorScore,
    float[] ImageVector,
    float[] TextVector,
    IReadOnlyList<LabelScore> TopLabels,
    IReadOnlyList<NamedColor> Colors)
{
    /// <summary>A detector's box that passed the reporting thresholds.</summary>
    public const string DetectionSource = "detection";

    /// <summary>A weaker detector box, searched as a region but never reported.</summary>
    public const string ProposalSource = "proposal";
}

public sealed record LabelScore(string Label, float Probability);

/// <summary>A colour named from the vocabulary, with the share of the region's pixels it covers.</summary>
public sealed record NamedColor(string Name, string Hex, float Fraction);
