namespace Personalization.Core.Diagnostics;

/// <summary>The stage names <see cref="StageTimings"/> reports.</summary>
public static class PipelineStages
{
    /// <summary>Hashing, header checks, decoding (with scaling and orientation).</summary>
    public const string Decode = "decode";

    /// <summary>Letterbox, YOLOX-Nano, decode and NMS.</summary>
    public const string Detect = "detect";

    /// <summary>Region rendering, image encoder(s), label bridge, colours; per image.</summary>
    public const string Embed = "embed";

    /// <summary>SIFT keypoints and descriptors of the photo (or of a reference's object region).</summary>
    public const string LocalFeatures = "local features";

    /// <summary>A reference photo's object cut from the room around it (GrabCut), when no box was drawn; enrolment only.</summary>
    public const string Segment = "segment";

    /// <summary>The recognition chain: retrieval, reasoning, verification, pairwise, caption.</summary>
    public const string Chain = "chain";

    /// <summary>Enrolment: fingerprint, text embeddings and index upsert (after analysis).</summary>
    public const string Enroll = "enroll";
}
