using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.TestSupport;
using Xunit.Abstractions;

namespace Personalization.Cli.Tests.Worker;

/// <summary>
/// The event-driven flow end to end: <c>personalize worker</c> runs in process against Azurite, and a separate
/// client uploads reference photos, query photos and bulk requests, then reads the result blobs.
/// </summary>
public sealed class WorkerCommandTests(ITestOutputHelper output)
{
    [AzuriteSharedFact]
    public async Task Worker_PhotosUploadedByAnotherClient_WritesResultsAndNeverMixesOwners()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var worker = await WorkerRun.StartAsync(azurite.ConnectionString);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var concepts = await TestBlobs.ContainerAsync(blobs, "concepts");
        var images = await TestBlobs.ContainerAsync(blobs, "images");

        // alice owns the dog and the teapot; bob owns a concept made from the very same dog photo, under another name.
        await TestBlobs.UploadAsync(concepts, "alice/dog/00.jpg", CliRun.DreamBooth("dog", "00.jpg"), new() { ["category"] = "dog" });
        await TestBlobs.UploadAsync(concepts, "alice/teapot/00.jpg", CliRun.DreamBooth("teapot", "00.jpg"), new() { ["category"] = "teapot" });
        await concepts.GetBlobClient("bob/bobs_dog/concept.json").UploadAsync(BinaryData.FromString("""{"category": "dog", "description": "my dog"}"""));
        await TestBlobs.UploadAsync(concepts, "bob/bobs_dog/ref.jpg", CliRun.DreamBooth("dog", "00.jpg"), []);
        await worker.WaitForConceptsAsync("alice", 2);
        await worker.WaitForConceptsAsync("bob", 1);

        var clock = Stopwatch.StartNew();
        await TestBlobs.UploadAsync(images, "alice/trip/dog.jpg", CliRun.DreamBooth("dog", "01.jpg"), []);
        await TestBlobs.UploadAsync(images, "alice/trip/teapot.jpg", CliRun.DreamBooth("teapot", "01.jpg"), []);
        await TestBlobs.UploadAsync(images, "bob/x/dog.jpg", CliRun.DreamBooth("dog", "01.jpg"), []);
        await TestBlobs.UploadAsync(images, "bob/x/teapot.jpg", CliRun.DreamBooth("teapot", "01.jpg"), []);

        var results = blobs.GetBlobContainerClient("results");
        var aliceDog = await TestBlobs.WaitForJsonAsync(results, "alice/trip/dog.jpg.json");
        var aliceTeapot = await TestBlobs.WaitForJsonAsync(results, "alice/trip/teapot.jpg.json");
        var bobDog = await TestBlobs.WaitForJsonAsync(results, "bob/x/dog.jpg.json");
        var bobTeapot = await TestBlobs.WaitForJsonAsync(results, "bob/x/teapot.jpg.json");
        output.WriteLine($"4 photos uploaded → 4 result blobs in {clock.Elapsed.TotalSeconds:F1} s through the worker");

        Assert.Equal("dog", aliceDog.GetProperty("concept").GetString());
        Assert.Contains("<dog>", aliceDog.GetProperty("caption").GetString(), StringComparison.Ordinal);
        Assert.Equal("teapot", aliceTeapot.GetProperty("concept").GetString());
        Assert.Equal("bobs_dog", bobDog.GetProperty("concept").GetString());
        Assert.NotEqual("teapot", bobTeapot.TryGetProperty("concept", out var c) ? c.GetString() : null);
        foreach (var (doc, foreign) in new[] { (aliceDog, "bobs_dog"), (aliceTeapot, "bobs_dog"), (bobDog, "dog"), (bobTeapot, "teapot"), (bobDog, "teapot") })
        {
            var candidates = doc.GetProperty("trace").GetProperty("candidates").EnumerateArray().Select(x => x.GetProperty("concept").GetString());
            Assert.DoesNotContain(foreign, candidates);
            Assert.DoesNotContain($"<{foreign}>", doc.GetProperty("caption").GetString(), StringComparison.Ordinal);
        }
    }

    [AzuriteSharedFact]
    public async Task Worker_BulkRequestWithTwoCorruptImages_ReportsTwoFailuresAndLosesNothing()
    {
        await using var azurite = await Azurite.StartAsync();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var concepts = await TestBlobs.ContainerAsync(blobs, "concepts");
        var images = await TestBlobs.ContainerAsync(blobs, "images");
        await TestBlobs.UploadAsync(concepts, "carol/dog/00.jpg", CliRun.DreamBooth("dog", "00.jpg"), new() { ["category"] = "dog" });

        var subjects = Directory.GetDirectories(SharedData.DreamBoothDirectory).Select(Path.GetFileName).Where(s => s != "dog").Order(StringComparer.Ordinal).Take(9).Append("dog").ToList();
        var expected = new List<string>();
        foreach (var subject in subjects)
        {
            foreach (var file in new[] { "01.jpg", "02.jpg", "03.jpg" })
            {
                await TestBlobs.UploadAsync(images, $"carol/bulk/{subject}-{file}", CliRun.DreamBooth(subject!, file), []);
                expected.Add($"bulk/{subject}-{file}");
            }
        }

        await images.GetBlobClient("carol/bulk/zz-corrupt.jpg").UploadAsync(new BinaryData(Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray()));
        await images.GetBlobClient("carol/bulk/zz-truncated.jpg").UploadAsync(new BinaryData(File.ReadAllBytes(CliRun.DreamBooth("dog", "02.jpg"))[..300]));
        expected.Add("bulk/zz-corrupt.jpg");
        expected.Add("bulk/zz-truncated.jpg");

        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var queue = queues.GetQueueClient("bulk-requests");
        await queue.CreateIfNotExistsAsync();
        const string request = """{"owner": "carol", "prefix": "bulk/"}""";
        await queue.SendMessageAsync("""{"owner": "carol", "prefix": """);
        var clock = Stopwatch.StartNew();
        await using var worker = await WorkerRun.StartAsync(azurite.ConnectionString);
        await worker.WaitForConceptsAsync("carol", 1);
        await queue.SendMessageAsync(request);

        var summary = await TestBlobs.WaitForJsonAsync(blobs.GetBlobContainerClient("results"), BlobPaths.BulkSummary(OwnerId.Parse("carol"), Personalization.Azure.Workflows.InstanceIds.Bulk(OwnerId.Parse("carol"), request)));
        clock.Stop();
        output.WriteLine($"bulk: {expected.Count} images in {clock.Elapsed.TotalSeconds:F1} s through the worker ({expected.Count / clock.Elapsed.TotalSeconds:F1} images/s, Azurite, CPU)");

        Assert.Equal(32, summary.GetProperty("total").GetInt32());
        Assert.Equal(2, summary.GetProperty("failed").GetInt32());
        Assert.Equal(30, summary.GetProperty("succeeded").GetInt32());
        var items = summary.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("path").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(["bulk/zz-corrupt.jpg", "bulk/zz-truncated.jpg"], items.Where(i => i.TryGetProperty("error", out _)).Select(i => i.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        var results = blobs.GetBlobContainerClient("results");
        foreach (var item in items.Where(i => !i.TryGetProperty("error", out _)))
        {
            Assert.True(await results.GetBlobClient(item.GetProperty("result_blob").GetString()).ExistsAsync());
        }

        Assert.Contains(items, i => i.GetProperty("path").GetString() == "bulk/dog-01.jpg" && i.GetProperty("concept").GetString() == "dog");

        var poison = queues.GetQueueClient("bulk-requests-poison");
        var rejected = (await poison.ReceiveMessagesAsync(10)).Value;
        Assert.Contains(rejected, m => m.Body.ToString().Contains("malformed", StringComparison.Ordinal));
    }
}
