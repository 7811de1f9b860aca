using System.ComponentModel.DataAnnotations;

namespace Personalization.Core.Recognition;

/// <summary>
/// Thresholds of the recognition chain (configuration section <c>Recognition</c>). The defaults were chosen on
/// DreamBooth with the offline encoders (MobileNetV2 + MiniLM label bridge); docs/thresholds.md says how.
/// A CLIP or VLM configuration needs its own values: scores of different encoders are not comparable.
/// </summary>
public sealed class RecognitionOptions
{
    public const string SectionName = "Recognition";

    /// <summary>Images analysed per batch (detector and encoder calls are batched within it).</summary>
    [Range(1, 256)]
    public int ImageBatch { get; set; } = 8;

    /// <summary>How many candidates retrieval keeps (k).</summary>
    [Range(1, 20)]
    public int TopK { get; set; } = 3;

    /// <summary>How many hits each query region asks the index for before merging.</summary>
    [Range(1, 100)]
    public int HitsPerRegion { get; set; } = 10;

    /// <summary>
    /// Weight of image→text similarity in the fused retrieval score s = (1−w)·image-image + w·image-text.
    /// R2P uses ½ with CLIP. With the CNN encoders the text side is the ImageNet label bridge, which names the clutter
    /// around a small object as readily as the object: 0 (off) on hard photos (docs/thresholds.md). Use 0.5 with CLIP.
    /// </summary>
    [Range(0.0, 1.0)]
    public double TextWeight { get; set; }

    /// <summary>
    /// Weight of local-feature evidence in the retrieval score: s = global + w·clamp((inliers − LocalMinInliers) /
    /// (LocalInlierCap − LocalMinInliers), 0, 1). 0 turns geometric verification off.
    /// </summary>
    [Range(0.0, 2.0)]
    public double LocalWeight { get; set; } = 0.3;

    /// <summary>Inliers at or below this count add nothing (RANSAC finds a few by chance in any clutter).</summary>
    [Range(0, 100)]
    public int LocalMinInliers { get; set; } = 3;

    /// <summary>Inliers at which local evidence is full.</summary>
    [Range(1, 500)]
    public int LocalInlierCap { get; set; } = 20;

    /// <summary>
    /// Count only a concept's own inliers: a query keypoint that supports the local matches of two or more concepts lies
    /// on what their reference photos share (the room they were taken in), not on either object.
    /// </summary>
    public bool LocalExclusive { get; set; } = true;

    /// <summary>
    /// Count no inlier that lies on a room: a query keypoint supporting a concept's local match that also fits the
    /// surroundings of any of the owner's reference photos (the room around its object, kept at enrolment) is the room the
    /// photos share, not the object (<see cref="RoomInliers"/>).
    /// </summary>
    public bool LocalRoomCheck { get; set; } = true;

    /// <summary>
    /// A query region counts for a concept only when it looks more like the concept than like every room of the owner's
    /// reference photos (their grid tiles outside the object, embedded at enrolment): the global counterpart of
    /// <see cref="LocalRoomCheck"/>, for a reference region that holds as much room as object.
    /// </summary>
    public bool RoomRegions { get; set; } = true;

    /// <summary>
    /// A room tile of a photo a concept was enrolled from counts against that concept only while its object covers less
    /// than this share of the tile (<see cref="RoomSimilarities"/>): a tile is kept as room while the object covers less
    /// than a quarter of it, so the rest may hold part of the object itself. 0.25 counts every tile, 0 none.
    /// </summary>
    [Range(0.0, 1.0)]
    public double OwnRoomOverlap { get; set; } = 0.25;

    /// <summary>
    /// Where a concept is shown: when its best region is a grid tile or the whole photo (a place to look, not an object), the
    /// best detection or proposal scoring within this of it gives the box instead (the score and the decision do not
    /// change). 0.05: localisation (IoU ≥ ½ with the true box, over right answers) up on all six synthetic sets
    /// (docs/thresholds.md, round 8). Negative: always the best region.
    /// </summary>
    [Range(-1.0, 1.0)]
    public double ObjectBoxTolerance { get; set; } = 0.05;

    /// <summary>
    /// A concept that gained c references from confirmed results scores β·ln(1 + c) less
    /// (<see cref="CandidateRetriever.ConfirmedPenalty"/>): each such region, cut from a cluttered photo, is one more
    /// chance of a chance match. 0.08 (held-out DreamBooth after confirming 2 results per concept: F1 0.909 → 0.903 at
    /// 0.04, → 0.948 at 0.08; docs/thresholds.md). References the user enrolled lose nothing.
    /// </summary>
    [Range(0.0, 0.2)]
    public double ConfirmedPenalty { get; set; } = 0.08;

    /// <summary>
    /// How much the best candidate's lead counts: its score gains γ·(s₁ − max(s₂, <see cref="MarginFloor"/>)), where s₂ is the
    /// next concept's score. A photo that looks about as much like two of the owner's concepts (a look-alike of both, or
    /// clutter that looks like anything) is weak evidence for either; a clear winner is strong evidence (the ratio test of
    /// local-feature matching, applied to concepts). 0.5 with the thresholds at 0.75: held-out DreamBooth F1 0.865 → 0.909,
    /// DreamBooth 0.988 → 0.996 (replayed; docs/thresholds.md, "The best candidate's lead"). 0 turns it off.
    /// </summary>
    [Range(0.0, 4.0)]
    public double MarginWeight { get; set; } = 0.5;

    /// <summary>
    /// The runner-up score a lead is measured against at least, so an owner with one concept (no runner-up), or whose other
    /// concepts are unlike the photo, is judged as if the runner-up scored this.
    /// </summary>
    [Range(-1.0, 1.0)]
    public double MarginFloor { get; set; } = 0.65;

    /// <summary>
    /// A query region smaller than the image encoder's input (224 px on its short side, in the pixels the photo was decoded
    /// to) is enlarged to it, and its cosine with a sharp reference falls with the blur, for the right concept as for any
    /// other. Its image similarity gains this much per halving of its short side below 224 px, for at most two halvings
    /// (<see cref="CandidateRetriever.SmallRegionBonus"/>). 0.025: F1 up on all ten synthetic sets (seeds 7, 11, 5; e.g. 1 reference with a
    /// box 0.697 → 0.77), level on DreamBooth and held-out DreamBooth, whose subjects are large (docs/thresholds.md, round 9).
    /// 0 turns it off.
    /// </summary>
    [Range(0.0, 0.2)]
    public double SmallRegionBonus { get; set; } = 0.025;

    /// <summary>
    /// Which concept a photo shows is chosen in the owner-centred space: every image vector less the mean of the rooms of
    /// the owner's reference photos, re-normalised (<see cref="OwnerCentring"/>), where a reference that looks like any
    /// room no longer outscores the right concept everywhere. How sure the chain is still comes from the raw score of that
    /// concept (all thresholds were chosen on raw cosines), its lead measured as before, over the raw scores of the concepts
    /// that do not outscore it. Retrieval top-1 up on every synthetic set (seed 7 0.667 → 0.729, seed 11
    /// 0.448 → 0.625), F1 up or level on all ten (seed 11 0.394 → 0.526), DreamBooth and held-out DreamBooth level
    /// (docs/thresholds.md, round 10). The chain takes up to about 7 ms more per photo (a second scoring pass).
    /// </summary>
    public bool CentredRanking { get; set; } = true;

    /// <summary>How many concepts, best by global score, are verified with local features (0: all of the owner's).</summary>
    [Range(0, 10_000)]
    public int LocalShortlist { get; set; } = 10;

    /// <summary>
    /// Below this fused retrieval score the answer is "none of my concepts" at once. The offline chain uses one threshold
    /// (this, <see cref="AcceptAbove"/> and <see cref="PairwiseMidpoint"/> equal): 0.75 with <see cref="MarginWeight"/> 0.5 was
    /// best or within 0.02 of best on every benchmark measured but one (synthetic, no box: 0.017 below; docs/thresholds.md).
    /// </summary>
    [Range(-1.0, 3.0)]
    public double RejectBelow { get; set; } = 0.75;

    /// <summary>When reasoning and verification agree, the winner still needs this pairwise-free confidence.</summary>
    [Range(-1.0, 3.0)]
    public double AcceptAbove { get; set; } = 0.75;

    /// <summary>
    /// Several concepts in one photo: once the chain has its answer, another candidate is named too when its best
    /// match is a different detected region (IoU under ½ with every region already named) and its retrieval score
    /// reaches this. At 0.75: 1 false extra in DreamBooth's 128 one-subject photos, both named in 12 of 30 two-subject
    /// composites and no foreign concept named (docs/thresholds.md).
    /// </summary>
    [Range(-1.0, 1.0)]
    public double AlsoPresentAbove { get; set; } = 0.75;

    /// <summary>
    /// A further concept is also named, wherever local features put it (even inside the whole-photo region), when it
    /// has at least this many inliers and its score reaches <see cref="AlsoPresentAbove"/>.
    /// </summary>
    [Range(1, 500)]
    public int AlsoPresentInliers { get; set; } = 12;

    /// <summary>The pairwise fallback's winner needs at least this probability.</summary>
    [Range(0.0, 1.0)]
    public double PairwiseAccept { get; set; } = 0.5;

    /// <summary>An attribute counts as visible in the query at this score or above.</summary>
    [Range(-1.0, 1.0)]
    public double AttributeVisible { get; set; } = 0.5;

    /// <summary>Weight of the attribute score against the retrieval score when the offline reasoner chooses.</summary>
    [Range(0.0, 1.0)]
    public double AttributeWeight { get; set; } = 0.05;

    /// <summary>Offline pairwise calibration: p = 1 / (1 + exp(-Slope · (similarity − Midpoint))).</summary>
    public double PairwiseSlope { get; set; } = 20;

    public double PairwiseMidpoint { get; set; } = 0.75;
}
