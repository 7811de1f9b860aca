using Personalization.Core.Domain;

namespace Personalization.Core.Preference;

/// <summary>Keeps each owner's preference profile. Thread-safe; a profile is only ever returned to its own owner.</summary>
public interface IPreferenceProfileStore
{
    Task PutAsync(OwnerId owner, PreferenceProfile profile, CancellationToken cancellationToken = default);

    /// <exception cref="PreferenceException">The stored profile belongs to another owner.</exception>
    Task<PreferenceProfile?> GetAsync(OwnerId owner, CancellationToken cancellationToken = default);
}
