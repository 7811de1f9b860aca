using System.Text.Json;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Storage;

namespace Personalization.Local.Index;

/// <summary>
/// The embedded image index: one small JSON file per image under <c>{data}/owners/{owner}/images/{hash}.json</c>,
/// written to a temporary file and renamed (atomic), so an upsert is idempotent and never half-written. Thread-safe.
/// </summary>
public sealed class EmbeddedImageIndex(IOptions<LocalDataOptions> options) : IImageIndex
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new Base64FloatArrayConverter() } };
    private readonly string _root = Path.GetFullPath(Path.Combine(options.Value.Directory, "owners"));

    public async Task UpsertAsync(IReadOnlyList<IndexedImage> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        foreach (var image in images)
        {
            var dir = Path.Combine(_root, image.Owner.Value, "images");
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, image.ContentHash + ".json");
            var temp = $"{path}.{Environment.CurrentManagedThreadId}.tmp";
            await using (var stream = File.Create(temp))
            {
                await JsonSerializer.SerializeAsync(stream, image, Json, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
        }
    }
}
