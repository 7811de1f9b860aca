namespace Personalization.Core.Preference;

/// <summary>
/// An image as the preference model sees it: per dimension a feature vector of measured properties (comparable
/// across images) and the vocabulary terms that describe it.
/// </summary>
/// <param name="ContentHash">SHA-256 of the file: two candidates with the same hash are the same image.</param>
public sealed record DescribedImage(
    string Id,
    string ContentHash,
    IReadOnlyDictionary<PreferenceDimension, DimensionDescription> Dimensions);

/// <param name="Features">Measured values for this dimension (e.g. mean saturation and colourfulness).</param>
/// <param name="Terms">Vocabulary terms the measurements map to (e.g. "vivid"), most telling first.</param>
/// <param name="Measured">A short human-readable account of the measurements, for reasons.</param>
public sealed record DimensionDescription(float[] Features, IReadOnlyList<string> Terms, string Measured);
