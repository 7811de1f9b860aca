using Personalization.Core.Ports;

namespace Personalization.Core.Preference;

/// <summary>
/// Measures images for the preference model: per dimension features and vocabulary terms. Thread-safe; a bad
/// image yields a failed item, not a failed batch.
/// </summary>
public interface IPreferenceImageReader
{
    Task<IReadOnlyList<(string Id, DescribedImage? Image, string? Error)>> DescribeAsync(IReadOnlyList<ImageInput> images, CancellationToken cancellationToken = default);
}
