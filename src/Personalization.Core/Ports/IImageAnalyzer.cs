using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// Decodes images, detects objects, embeds the whole image and its regions of interest, names its colours.
/// Implementations are thread-safe singletons that own native model sessions; the container disposes them.
/// A bad image (corrupt, empty, too large, not an image) yields a failed item, never a failed batch.
/// </summary>
public interface IImageAnalyzer
{
    /// <summary>Identifies the vector spaces the analyzer writes (e.g. <c>mobilenetv2+minilm</c>).</summary>
    string EncoderSpace { get; }

    Task<IReadOnlyList<ImageAnalysisResult>> AnalyzeAsync(IReadOnlyList<ImageInput> images, CancellationToken cancellationToken = default);
}

/// <summary>An image's bytes with the caller's id for it (a path or blob name). The bytes are not copied.</summary>
/// <param name="AsReference">A concept's reference photo: analysed as its object region only (<paramref name="Box"/>, or
/// one chosen automatically), so the background of the room it was taken in is not part of the concept.</param>
/// <param name="Box">The object's box drawn by the user, in original pixels; it must lie inside the photo.</param>
/// <param name="BoxIsHint">The box is where the object was found, not drawn round it: the object is cut out of it.</param>
public sealed record ImageInput(string Id, ReadOnlyMemory<byte> Bytes, bool AsReference = false, BoundingBox? Box = null, bool BoxIsHint = false);

/// <summary>The analysis of one input, or the one-line reason it failed.</summary>
public sealed record ImageAnalysisResult(string Id, ImageAnalysis? Analysis, string? Error)
{
    public bool Succeeded => Analysis is not null;

    public static ImageAnalysisResult Success(string id, ImageAnalysis analysis) => new(id, analysis, null);

    public static ImageAnalysisResult Failure(string id, string error) => new(id, null, error);
}
