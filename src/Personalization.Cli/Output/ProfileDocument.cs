using Personalization.Core.Preference;

namespace Personalization.Cli.Output;

/// <summary>
/// A taste profile as <c>profile --json</c> and <c>prefer --json</c> print it: per dimension how much it counts and what
/// the owner likes and dislikes, each with how sure it is (the feature centroids stay in the store).
/// </summary>
internal sealed record ProfileDocument(string Owner, string Version, int LikedCount, int DislikedCount, DateTimeOffset CreatedAt, IReadOnlyList<ProfileDocument.DimensionEntry> Dimensions)
{
    public static ProfileDocument From(PreferenceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(
            profile.Owner, profile.Version, profile.LikedCount, profile.DislikedCount, profile.CreatedAt,
            [.. profile.Dimensions.Select(d => new DimensionEntry(d.Dimension, d.Weight, d.Likes, d.Dislikes, d.Support, d.HeldOut))]);
    }

    /// <param name="Support">Per like and dislike the share of the liked and of the disliked references it describes, and their difference.</param>
    /// <param name="HeldOut">How consistently the dimension places references it was not fitted to on their own side, and how far into it.</param>
    internal sealed record DimensionEntry(PreferenceDimension Dimension, double Weight, IReadOnlyList<string> Likes, IReadOnlyList<string> Dislikes, IReadOnlyList<TermSupport>? Support, HeldOutCheck? HeldOut = null);
}
