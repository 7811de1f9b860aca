using Personalization.Core.Domain;

namespace Personalization.Core.Preference;

/// <summary>The rule every <see cref="IPreferenceProfileStore"/> keeps: a profile is stored and returned only for its own owner.</summary>
public static class PreferenceProfileOwnership
{
    /// <exception cref="PreferenceException">The profile names another owner.</exception>
    public static void EnsureStoredFor(OwnerId owner, PreferenceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Owner != owner.Value)
        {
            throw new PreferenceException($"the profile belongs to '{profile.Owner}', not to '{owner}'");
        }
    }

    /// <summary>Returns what was read, unless it names another owner.</summary>
    /// <exception cref="PreferenceException">The stored profile names another owner.</exception>
    public static PreferenceProfile? EnsureReadFor(OwnerId owner, PreferenceProfile? profile) =>
        profile is not null && profile.Owner != owner.Value
            ? throw new PreferenceException($"the stored profile of '{owner}' names another owner ('{profile.Owner}'); refusing to use it")
            : profile;
}
