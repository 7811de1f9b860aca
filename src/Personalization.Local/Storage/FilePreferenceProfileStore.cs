using System.Text.Json;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Preference;

namespace Personalization.Local.Storage;

/// <summary>
/// One JSON file per owner (<c>{data}/owners/{owner}/preference-profile.json</c>), written atomically. A file whose
/// profile names another owner is refused, never returned. Thread-safe.
/// </summary>
public sealed class FilePreferenceProfileStore(IOptions<LocalDataOptions> options) : IPreferenceProfileStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _root = Path.GetFullPath(Path.Combine(options.Value.Directory, "owners"));

    public async Task PutAsync(OwnerId owner, PreferenceProfile profile, CancellationToken cancellationToken = default)
    {
        PreferenceProfileOwnership.EnsureStoredFor(owner, profile);

        var file = FileOf(owner);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = $"{file}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = File.Create(temp))
            {
                await JsonSerializer.SerializeAsync(stream, profile, Json, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, file, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<PreferenceProfile?> GetAsync(OwnerId owner, CancellationToken cancellationToken = default)
    {
        var file = FileOf(owner);
        if (!File.Exists(file))
        {
            return null;
        }

        PreferenceProfile? profile;
        await using (var stream = File.OpenRead(file))
        {
            try
            {
                profile = await JsonSerializer.DeserializeAsync<PreferenceProfile>(stream, Json, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"the preference profile '{file}' is damaged: {e.Message}", e);
            }
        }

        return PreferenceProfileOwnership.EnsureReadFor(owner, profile);
    }

    private string FileOf(OwnerId owner) => Path.Combine(_root, owner.Value, "preference-profile.json");
}
