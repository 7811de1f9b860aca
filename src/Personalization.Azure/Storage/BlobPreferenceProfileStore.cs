using System.Text.Json;
using Azure;
using Personalization.Core.Domain;
using Personalization.Core.Preference;

namespace Personalization.Azure.Storage;

/// <summary>
/// Preference profiles as blobs, <c>profiles/{owner}/preference-profile.json</c>, shared by every instance of the
/// app. A blob whose profile names another owner is refused, never returned. Thread-safe.
/// </summary>
public sealed class BlobPreferenceProfileStore(StorageClients storage) : IPreferenceProfileStore
{
    public async Task PutAsync(OwnerId owner, PreferenceProfile profile, CancellationToken cancellationToken = default)
    {
        PreferenceProfileOwnership.EnsureStoredFor(owner, profile);

        await StorageJson.UploadAsync(storage.Profiles, BlobPaths.PreferenceProfile(owner), profile, StorageJson.Analyses, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PreferenceProfile?> GetAsync(OwnerId owner, CancellationToken cancellationToken = default)
    {
        var name = BlobPaths.PreferenceProfile(owner);
        BinaryData content;
        try
        {
            content = (await storage.Profiles.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        PreferenceProfile? profile;
        try
        {
            profile = content.ToObjectFromJson<PreferenceProfile>(StorageJson.Analyses);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the preference profile blob '{name}' is damaged: {e.Message}", e);
        }

        return PreferenceProfileOwnership.EnsureReadFor(owner, profile);
    }
}
