using System.ComponentModel.DataAnnotations;

namespace Personalization.Models.Detection;

/// <summary>Detector settings (configuration section <c>Detection</c>).</summary>
public sealed class DetectionOptions
{
    public const string SectionName = "Detection";

    public string Model { get; set; } = "detectors/yolox_nano.onnx";

    public string Labels { get; set; } = "detectors/coco80.txt";

    /// <summary>A box is kept if objectness × class probability reaches this…</summary>
    [Range(0.0, 1.0)]
    public double ScoreThreshold { get; set; } = 0.25;

    /// <summary>…or if its objectness alone reaches this (small personal objects are often not a COCO class).</summary>
    [Range(0.0, 1.0)]
    public double ObjectnessThreshold { get; set; } = 0.35;

    [Range(0.0, 1.0)]
    public double NmsIou { get; set; } = 0.45;

    /// <summary>
    /// Boxes below both thresholds above but with at least this objectness are not reported as detections; they are still
    /// searched as regions (ranked with the detections for <see cref="MaxRegions"/>): a small owned thing that is no COCO
    /// class often scores just there (hard benchmark, 1 reference: F1 0.368 → 0.450 without a box, 0.550 → 0.602 with one;
    /// docs/thresholds.md, round 6). At or above <see cref="ObjectnessThreshold"/>: no proposals.
    /// </summary>
    [Range(0.01, 1.0)]
    public double ProposalObjectness { get; set; } = 0.04;

    /// <summary>Proposals kept per photo after their own non-maximum suppression, best objectness first.</summary>
    [Range(0, 64)]
    public int MaxProposals { get; set; } = 16;

    /// <summary>Detector crops (detections and proposals) embedded per image, besides the whole image and the grid tiles.</summary>
    [Range(0, 16)]
    public int MaxRegions { get; set; } = 8;

    /// <summary>
    /// Region proposals beyond the detector for small objects: 0 none; 1 a 2×2 grid of overlapping tiles (each 60 % of
    /// the photo's sides); 2 also a 3×3 grid (40 %). Each tile is one more crop to embed. 2 by default: a small object
    /// needs a crop at its scale (hard benchmark with a box per reference: retrieval top-1 0.40 → 0.63; docs/thresholds.md).
    /// </summary>
    [Range(0, 2)]
    public int GridLevels { get; set; } = 2;

    /// <summary>
    /// A reference photo enrolled without a drawn box keeps the whole photo as a region besides the object chosen
    /// automatically (a drawn box always means the object only).
    /// </summary>
    public bool ReferenceWholeImage { get; set; }

    /// <summary>
    /// A reference photo enrolled without a drawn box: cut the chosen object from the room around it (GrabCut) and keep only
    /// keypoints on it, so other things photographed in the same room do not match it; without a detection, the cut's
    /// tight box is also the region enrolled. Uses OpenCV, so only with <c>LocalFeatures:Enabled</c>.
    /// </summary>
    public bool ReferenceSegmentation { get; set; } = true;

    /// <summary>
    /// A reference photo also embeds its room: the grid tiles its object covers less than a quarter of, kept apart from
    /// its regions (<c>Recognition:RoomRegions</c> uses them).
    /// </summary>
    public bool ReferenceRooms { get; set; } = true;

    /// <summary>Crops whose shorter side is below this many original pixels are not embedded.</summary>
    [Range(1, 1024)]
    public int MinRegionSide { get; set; } = 24;
}
