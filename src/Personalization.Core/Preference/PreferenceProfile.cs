namespace Personalization.Core.Preference;

/// <summary>
/// What an owner likes and dislikes, per dimension, predicted from reference images. <see cref="Version"/>
/// names the model and vocabulary that made it; a profile is only ever used for its own owner.
/// </summary>
public sealed record PreferenceProfile(
    string Owner,
    string Version,
    int LikedCount,
    int DislikedCount,
    IReadOnlyList<DimensionProfile> Dimensions,
    DateTimeOffset CreatedAt);

/// <param name="Likes">Terms typical of the liked references and not of the disliked ones.</param>
/// <param name="Dislikes">Terms typical of the disliked references and not of the liked ones.</param>
/// <param name="LikedCentroid">Mean feature vector of the liked references (offline model).</param>
/// <param name="DislikedCentroid">Mean feature vector of the disliked references; null when there are none.</param>
/// <param name="Weight">How strongly this dimension separates liked from disliked (0 = not at all).</param>
public sealed record DimensionProfile(
    PreferenceDimension Dimension,
    IReadOnlyList<string> Likes,
    IReadOnlyList<string> Dislikes,
    float[]? LikedCentroid,
    float[]? DislikedCentroid,
    double Weight);
