using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

/// <summary>
/// Local features of one image or of one region of it: keypoint positions and their SIFT descriptors, kept compact
/// (a descriptor is 128 bytes, as SIFT computes it; RootSIFT is derived when matching). Versioned by
/// <see cref="Kind"/>: features of another kind are not compared.
/// </summary>
/// <param name="Kind">The extractor and its version, e.g. <c>sift-v1</c>.</param>
/// <param name="Points">x₀, y₀, x₁, y₁, … in original-image pixels.</param>
/// <param name="Descriptors">128 bytes per keypoint, in the order of <paramref name="Points"/>.</param>
/// <param name="Region">The region they were extracted from (a reference's object box); null for the whole image.</param>
/// <param name="PixelScale">Original-image pixels per pixel of the image the features were extracted from (geometric
/// tolerances are set in extraction pixels).</param>
public sealed record LocalFeatures(
    string Kind,
    [property: JsonConverter(typeof(Base64FloatArrayConverter))] float[] Points,
    byte[] Descriptors,
    BoundingBox? Region,
    float PixelScale)
{
    public const int DescriptorLength = 128;

    [JsonIgnore]
    public int Count => Points.Length / 2;

    /// <summary>The shape is consistent: two coordinates and 128 bytes per keypoint.</summary>
    [JsonIgnore]
    public bool IsWellFormed => Points.Length % 2 == 0 && Descriptors.Length == Count * DescriptorLength;
}

/// <summary>
/// What local-feature matching found between a query and one reference: the tentative matches that passed the ratio
/// test, the inliers of a similarity transform fitted by RANSAC, and the box those inliers cover in the query.
/// </summary>
/// <param name="QueryInliers">The query keypoints (indices) that are inliers, each once; empty when none or unknown.</param>
public sealed record LocalMatch(int Matches, int Inliers, BoundingBox? QueryBox, IReadOnlyList<int>? QueryInliers = null)
{
    public static LocalMatch None { get; } = new(0, 0, null);
}
