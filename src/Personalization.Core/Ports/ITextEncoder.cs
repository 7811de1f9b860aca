namespace Personalization.Core.Ports;

/// <summary>
/// Embeds short texts (descriptions, attributes) into the space that <see cref="Domain.ImageRegion.TextVector"/> lives in.
/// Thread-safe; returns L2-normalised vectors, one per input, in order.
/// </summary>
public interface ITextEncoder
{
    int Dimension { get; }

    Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
