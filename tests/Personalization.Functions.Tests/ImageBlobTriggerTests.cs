using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text.Json;
using Azure.Core.Diagnostics;
using Personalization.TestSupport;

namespace Personalization.Functions.Tests;

/// <summary>
/// The image blob trigger binds a client for the blob, not its bytes, and the handler checks the size from the blob's
/// properties before reading it: an image over the cap is refused without being downloaded (issue 10). The requests are
/// the real storage client's, as its own event source reports them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ImageBlobTriggerTests(SharedAzurite azurite)
{
    [AzuriteFact]
    public async Task ImageOverTheCap_IsRefusedFromItsProperties_WithoutADownload()
    {
        await using var app = await FunctionsApp.StartAsync(azurite, new Dictionary<string, string?> { ["Storage:MaxImageBytes"] = "1000" });
        var alice = Owners.Unique("alice");
        var name = $"{alice}/trip/huge.jpg";
        await app.Storage.Images.UploadBlobAsync(name, BinaryData.FromBytes(new byte[5000]));
        var requests = new ConcurrentQueue<string>();
        using (new AzureEventSourceListener((e, message) => requests.Enqueue(message), EventLevel.Informational))
        {
            await app.TriggerImageBlobAsync(name);
        }

        var result = JsonDocument.Parse((await app.Storage.Results.GetBlobClient(name + ".json").DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Contains("blob is 5000 bytes, over the limit of 1000", result.GetProperty("error").GetString(), StringComparison.Ordinal);
        var blobRequests = requests.Where(m => m.StartsWith("Request [", StringComparison.Ordinal) && m.Contains("huge.jpg", StringComparison.Ordinal)).ToList();
        Assert.Contains(blobRequests, m => m.Contains(" HEAD ", StringComparison.Ordinal)); // its properties
        Assert.DoesNotContain(blobRequests, m => m.Contains(" GET ", StringComparison.Ordinal) && !m.Contains(".json", StringComparison.Ordinal)); // never its bytes
    }
}
