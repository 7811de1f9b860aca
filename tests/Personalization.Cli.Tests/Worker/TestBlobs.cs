using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Personalization.Cli.Tests.Worker;

/// <summary>What the separate client of the worker tests does with Azurite: make containers, upload, wait for a result.</summary>
internal static class TestBlobs
{
    // Generous: the bulk test takes about 100 s alone on 2 cores and longer beside other test assemblies (see README, Speed of the worker).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(300);

    public static async Task<BlobContainerClient> ContainerAsync(BlobServiceClient blobs, string name)
    {
        var container = blobs.GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync();
        return container;
    }

    public static async Task UploadAsync(BlobContainerClient container, string name, string file, Dictionary<string, string> metadata)
    {
        await using var stream = File.OpenRead(file);
        await container.GetBlobClient(name).UploadAsync(stream, new BlobUploadOptions { Metadata = metadata });
    }

    public static async Task<JsonElement> WaitForJsonAsync(BlobContainerClient container, string name)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                var content = await container.GetBlobClient(name).DownloadContentAsync();
                return JsonDocument.Parse(content.Value.Content.ToString()).RootElement.Clone();
            }
            catch (RequestFailedException e) when (e.Status == 404 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
