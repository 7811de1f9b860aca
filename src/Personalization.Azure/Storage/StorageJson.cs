using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Personalization.Core.Domain;

namespace Personalization.Azure.Storage;

/// <summary>How blobs and messages are written: the product's one dialect (<see cref="ProductJson"/>); vectors as base64 in analyses.</summary>
public static class StorageJson
{
    /// <summary>Result documents: the product's one dialect (<see cref="ProductJson"/>), as the CLI writes them.</summary>
    public static JsonSerializerOptions Documents => ProductJson.Documents;

    /// <summary>Analyses hold ~10k floats; base64 keeps them about 4× smaller than number lists.</summary>
    public static JsonSerializerOptions Analyses { get; } = new()
    {
        Converters = { new Base64FloatArrayConverter() },
    };

    /// <summary>Messages: the same dialect on one line, read leniently (any casing), so hand-written requests work.</summary>
    public static JsonSerializerOptions Messages => ProductJson.Compact;

    /// <summary>Writes a JSON blob (overwriting: a retried activity writes the same bytes again).</summary>
    public static async Task UploadAsync<T>(BlobContainerClient container, string name, T document, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, options);
        await container.GetBlobClient(name).UploadAsync(
            new BinaryData(bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken).ConfigureAwait(false);
    }
}
