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
/// <param name="Support">How sure each like and dislike is: the share of the liked and of the disliked references the
/// term describes (its measured difference); null when not measured (a VLM's terms).</param>
public sealed record DimensionProfile(
    PreferenceDimension Dimension,
    IReadOnlyList<string> Likes,
    IReadOnlyList<string> Dislikes,
    float[]? LikedCentroid,
    float[]? DislikedCentroid,
    double Weight,
    IReadOnlyList<TermSupport>? Support = null)
{
    /// <summary>The axis from the disliked to the liked side the verdicts place candidates on; null without a disliked side.</summary>
    public SideAxis? Axis { get; init; }

    /// <summary>How consistently the dimension places left-out references on their own side; null with fewer than two references on a side.</summary>
    public HeldOutCheck? HeldOut { get; init; }
}

/// <summary>The evidence for one like or dislike.</summary>
/// <param name="Side"><c>likes</c> or <c>dislikes</c>.</param>
/// <param name="LikedShare">Share of the liked references the term describes.</param>
/// <param name="DislikedShare">Share of the disliked references the term describes.</param>
public sealed record TermSupport(string Term, string Side, double LikedShare, double DislikedShare)
{
    /// <summary>The measured difference between the two sides: 1 = every reference of one side and none of the other.</summary>
    public double Difference => Math.Round(Math.Abs(LikedShare - DislikedShare), 4);

    /// <summary>As a person reads it: <c>vivid (3/3 liked, 0/3 disliked)</c> in shares, <c>vivid (100 % vs 0 %)</c>.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Term} ({LikedShare * 100:0} % of liked vs {DislikedShare * 100:0} % of disliked)");
}
