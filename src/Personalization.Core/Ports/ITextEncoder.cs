namespace Personalization.Core.Ports;

/// <summary>
/// Embeds short texts (descriptions, attributes) into the space that <see cref="Domain.ImageRegion.TextVector"/> lives in.
/// Thread-safe; returns L2-normalised vectors, one per input, in order.
/// </summary>
public interface ITextEncoder
{
    int Dimension { get; }

    /// <summary>
    /// Names the model that makes these vectors: the same for every run of the same model, different when the model
    /// changes (a file's path, size and time, or a package's version). Caches of vectors are keyed by it.
    /// </summary>
    string Identity { get; }

    Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
