using System.Text.Json;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Storage;

namespace Personalization.Local.Index;

/// <summary>
/// The embedded image index: one small JSON file per image under <c>{data}/owners/{owner}/images/{hash}.json</c>,
/// written to a temporary file and renamed (atomic), so an upsert is idempotent and never half-written. A query reads
/// the owner's folder only (exact scan: an owner's photos number in the thousands, not millions). Thread-safe.
/// </summary>
public sealed class EmbeddedImageIndex(IOptions<LocalDataOptions> options) : IImageIndex
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new Base64FloatArrayConverter() } };
    private readonly string _root = Path.GetFullPath(Path.Combine(options.Value.Directory, "owners"));

    public async Task UpsertAsync(IReadOnlyList<IndexedImage> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        foreach (var given in images)
        {
            var dir = Path.Combine(_root, given.Owner.Value, "images");
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, FileName(given.ContentHash));
            var image = given.Concepts is null && await ReadAsync(path, cancellationToken).ConfigureAwait(false) is { Concepts: { } kept }
                ? given with { Concepts = kept }
                : given;
            var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            try
            {
                await using (var stream = File.Create(temp))
                {
                    await JsonSerializer.SerializeAsync(stream, image, Json, cancellationToken).ConfigureAwait(false);
                }

                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        }
    }

    public async Task<IReadOnlyList<FoundImage>> FindAsync(OwnerId owner, ConceptName? concept, int top = 500, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var dir = Path.Combine(_root, owner.Value, "images");
        if (!Directory.Exists(dir))
        {
            return [];
        }

        var found = new List<FoundImage>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json"))
        {
            if (await ReadAsync(file, cancellationToken).ConfigureAwait(false) is not { Concepts: { } concepts } image || !image.Owner.Equals(owner))
            {
                continue;
            }

            if (concept is not { } wanted)
            {
                found.Add(new FoundImage(image.Path, image.ContentHash, 0, concepts));
            }
            else if (IImageIndexExtensions.ConfidenceOf(concepts, wanted) is { } confidence)
            {
                found.Add(new FoundImage(image.Path, image.ContentHash, confidence, concepts));
            }
        }

        var ordered = concept is null
            ? found.OrderBy(f => f.Path, StringComparer.Ordinal)
            : found.OrderByDescending(f => f.Confidence).ThenBy(f => f.Path, StringComparer.Ordinal);
        return [.. ordered.Take(top)];
    }

    private static string FileName(string contentHash) =>
        contentHash.Length is > 0 and <= 128 && contentHash.All(char.IsAsciiHexDigit)
            ? contentHash.ToLowerInvariant() + ".json"
            : throw new ArgumentException($"'{contentHash}' is not a content hash", nameof(contentHash));

    /// <summary>The stored image, or null when there is none; a file another writer is replacing is read as it was or as it is.</summary>
    private static async Task<IndexedImage?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<IndexedImage>(stream, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
