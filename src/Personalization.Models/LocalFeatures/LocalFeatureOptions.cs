using System.ComponentModel.DataAnnotations;

namespace Personalization.Models.LocalFeatures;

/// <summary>
/// Local-feature extraction and matching (configuration section <c>LocalFeatures</c>): SIFT keypoints, RootSIFT
/// matching with Lowe's ratio test, RANSAC with a similarity model. docs/thresholds.md says how the values were chosen.
/// </summary>
public sealed class LocalFeatureOptions
{
    public const string SectionName = "LocalFeatures";

    /// <summary>Extract local features at all (enrolment and queries). Off: retrieval uses the global vectors only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Keypoints kept per query photo (the strongest by response).</summary>
    [Range(16, 10_000)]
    public int QueryKeypoints { get; set; } = 1500;

    /// <summary>
    /// A query photo is reduced to this long side before extraction (never enlarged). 480 against 640: F1 equal or higher
    /// on all six benchmark runs of docs/thresholds.md (DreamBooth, held-out, synthetic 1/3 references with/without a box)
    /// and the costliest stage about 40 % cheaper.
    /// </summary>
    [Range(128, 4096)]
    public int QueryLongSide { get; set; } = 480;

    /// <summary>Keypoints kept per reference object.</summary>
    [Range(16, 10_000)]
    public int ReferenceKeypoints { get; set; } = 600;

    /// <summary>A reference's object region is resized (enlarged if small) to this long side before extraction.</summary>
    [Range(64, 4096)]
    public int ReferenceLongSide { get; set; } = 480;

    /// <summary>
    /// Background suppression at enrolment: a keypoint of the reference's object region whose descriptor is at least
    /// this similar (RootSIFT cosine) to a keypoint elsewhere in the same photo is the room, not the object, and is
    /// dropped, so another concept photographed in the same room does not match it. 1 keeps everything.
    /// </summary>
    [Range(0.5, 1.0)]
    public double BackgroundCosine { get; set; } = 0.9;

    /// <summary>
    /// Keypoints of a reference photo outside its object kept as the photo's surroundings (the room). A query keypoint that
    /// is an inlier of a concept's match and also of a match with the surroundings of any of the owner's reference photos
    /// lies on the room, and counts for no concept (<c>Recognition:LocalRoomCheck</c>). 0 keeps none. As many as a query
    /// photo has (<see cref="QueryKeypoints"/>): a room keypoint is only recognised when both samples hold it (hard
    /// benchmark, 1 reference, no box: F1 0.450 → 0.487 with 500, 0.535 with 1500; docs/thresholds.md, round 7). Costs
    /// up to 1500 × 136 bytes per reference photo.
    /// </summary>
    [Range(0, 4000)]
    public int SurroundingKeypoints { get; set; } = 1500;

    /// <summary>Lowe's ratio: a match is kept when its distance is below this fraction of the second best.</summary>
    [Range(0.5, 1.0)]
    public double Ratio { get; set; } = 0.8;

    /// <summary>RANSAC's inlier tolerance, in pixels of the query as extracted.</summary>
    [Range(0.5, 50)]
    public double RansacPixels { get; set; } = 6;

    /// <summary>Parallel matches per query (0: one per processor).</summary>
    [Range(0, 64)]
    public int Parallelism { get; set; }
}
