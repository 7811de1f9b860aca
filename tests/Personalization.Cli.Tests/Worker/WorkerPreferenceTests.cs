using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Models.Imaging;
using Personalization.Models.Preference;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Worker;

/// <summary>
/// PreferThinker through the event-driven flow: a separate client uploads styled photos and sends preference requests
/// on <c>preference-requests</c>; the worker's preference orchestration (real activities, real PreferenceService)
/// writes the verdicts to <c>results/{owner}/_preferences/{request}.json</c>.
/// </summary>
public sealed class WorkerPreferenceTests
{
    private static readonly SkiaImageDecoder Decoder = new(Options.Create(new ImageLimits()));

    [AzuriteSharedFact]
    public async Task Worker_PreferenceRequests_JudgeWithTheStoredProfileAndReportBadInputs()
    {
        await using var azurite = await Azurite.StartAsync();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var images = await TestBlobs.ContainerAsync(blobs, "images");
        await UploadStyledAsync(images, "dana/liked", "greyscale", "teapot", "can", "clock");
        await UploadStyledAsync(images, "dana/disliked", "saturated", "vase", "candle", "cat");
        await UploadStyledAsync(images, "dana/candidates", "greyscale", "dog");
        await UploadStyledAsync(images, "dana/candidates", "saturated", "backpack");
        await images.GetBlobClient("dana/candidates/corrupt.jpg").UploadAsync(new BinaryData(Enumerable.Range(0, 2048).Select(i => (byte)(i * 31 % 251)).ToArray()));

        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var queue = queues.GetQueueClient("preference-requests");
        await queue.CreateIfNotExistsAsync();
        await using var worker = await WorkerRun.StartAsync(azurite.ConnectionString);

        // dana likes greyscale and dislikes vivid colour; one pair has a corrupt candidate, one a missing one.
        await queue.SendMessageAsync("""
            {"owner": "dana", "request_id": "first",
             "liked": ["liked/teapot-greyscale.jpg", "liked/can-greyscale.jpg", "liked/clock-greyscale.jpg"],
             "disliked": ["disliked/vase-saturated.jpg", "disliked/candle-saturated.jpg", "disliked/cat-saturated.jpg"],
             "pairs": [{"a": "candidates/backpack-saturated.jpg", "b": "candidates/dog-greyscale.jpg"},
                       {"a": "candidates/dog-greyscale.jpg", "b": "candidates/corrupt.jpg"},
                       {"a": "candidates/dog-greyscale.jpg", "b": "candidates/missing.jpg"}]}
            """);
        await queue.SendMessageAsync("""{"owner": "dana", "pairs": """);
        var results = blobs.GetBlobContainerClient("results");
        var first = await TestBlobs.WaitForJsonAsync(results, BlobPaths.PreferenceResult(OwnerId.Parse("dana"), "first"));

        Assert.Equal((1, 2), (first.GetProperty("judged").GetInt32(), first.GetProperty("failed").GetInt32()));
        Assert.Contains("black and white photograph", first.GetProperty("profile").GetProperty("dimensions").EnumerateArray()
            .SelectMany(d => d.GetProperty("likes").EnumerateArray()).Select(t => t.GetString()));
        var pairs = first.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal("B", pairs[0].GetProperty("preferred").GetString());
        Assert.True(pairs[0].GetProperty("verdict").GetProperty("consistent").GetBoolean());
        Assert.Equal(5, pairs[0].GetProperty("verdict").GetProperty("dimensions").GetArrayLength());
        Assert.Contains("candidates/corrupt.jpg", pairs[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("blob not found", pairs[2].GetProperty("error").GetString(), StringComparison.Ordinal);

        // Later requests need no references: the profile was stored. Another owner has none and gets the reason.
        await queue.SendMessageAsync("""{"owner": "dana", "request_id": "second", "pairs": [{"a": "candidates/dog-greyscale.jpg", "b": "candidates/backpack-saturated.jpg"}]}""");
        await queue.SendMessageAsync("""{"owner": "erin", "request_id": "second", "pairs": [{"a": "x.jpg", "b": "y.jpg"}]}""");
        var second = await TestBlobs.WaitForJsonAsync(results, BlobPaths.PreferenceResult(OwnerId.Parse("dana"), "second"));
        var erin = await TestBlobs.WaitForJsonAsync(results, BlobPaths.PreferenceResult(OwnerId.Parse("erin"), "second"));

        Assert.Equal("A", second.GetProperty("pairs")[0].GetProperty("preferred").GetString());
        Assert.Equal(0, erin.GetProperty("judged").GetInt32());
        Assert.Contains("no stored profile", erin.GetProperty("pairs")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        var profiles = blobs.GetBlobContainerClient("profiles");
        Assert.True(await profiles.GetBlobClient("dana/preference-profile.json").ExistsAsync());
        Assert.False(await profiles.GetBlobClient("erin/preference-profile.json").ExistsAsync());

        var rejected = (await queues.GetQueueClient("preference-requests-poison").ReceiveMessagesAsync(10)).Value;
        Assert.Contains(rejected, m => m.Body.ToString().Contains("malformed", StringComparison.Ordinal));
    }

    private static async Task UploadStyledAsync(BlobContainerClient images, string prefix, string style, params string[] subjects)
    {
        foreach (var subject in subjects)
        {
            var bytes = SyntheticStyle.Render(Decoder, await File.ReadAllBytesAsync(CliRun.DreamBooth(subject, "00.jpg")), [style]);
            await images.GetBlobClient($"{prefix}/{subject}-{style}.jpg").UploadAsync(new BinaryData(bytes));
        }
    }
}
