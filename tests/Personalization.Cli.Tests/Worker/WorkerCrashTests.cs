using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.TestSupport;
using Xunit.Abstractions;

namespace Personalization.Cli.Tests.Worker;

/// <summary>
/// <c>kill -9</c> of a real worker process in the middle of a bulk request, then a new worker on the same storage and
/// data folder: the request must still end in exactly one summary, and what was recognised before the crash must not
/// be recognised again. The worker's durable state is in memory, so the queue message is what carries the request
/// across the crash (it used to be deleted at start: no summary ever appeared, and every photo was redone).
/// </summary>
public sealed class WorkerCrashTests(ITestOutputHelper output)
{
    private const int Photos = 12;

    [AzuriteSharedFact]
    public async Task Worker_KilledDuringBulkRequest_RestartWritesOneSummaryAndDoesNotRedoResults()
    {
        await using var azurite = await Azurite.StartAsync();
        using var cli = new CliRun();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var concepts = await TestBlobs.ContainerAsync(blobs, "concepts");
        var images = await TestBlobs.ContainerAsync(blobs, "images");
        var results = await TestBlobs.ContainerAsync(blobs, "results");
        await TestBlobs.UploadAsync(concepts, "fay/dog/00.jpg", CliRun.DreamBooth("dog", "00.jpg"), new() { ["category"] = "dog" });
        var subjects = Directory.GetDirectories(SharedData.DreamBoothDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(Photos / 2).ToList();
        var paths = new List<string>();
        foreach (var subject in subjects)
        {
            foreach (var file in new[] { "01.jpg", "02.jpg" })
            {
                await TestBlobs.UploadAsync(images, $"fay/bulk/{subject}-{file}", CliRun.DreamBooth(subject!, file), []);
                paths.Add($"bulk/{subject}-{file}");
            }
        }

        // A short lease, so that the message of the killed worker comes back soon.
        string[] settings = ["Worker:LeaseSeconds=6"];
        const string request = """{"owner": "fay", "prefix": "bulk/"}""";
        var summaryName = BlobPaths.BulkSummary(OwnerId.Parse("fay"), Personalization.Azure.Workflows.InstanceIds.Bulk(OwnerId.Parse("fay"), request));
        var queue = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }).GetQueueClient("bulk-requests");
        await queue.CreateIfNotExistsAsync();

        Dictionary<string, global::Azure.ETag> atCrash;
        await using (var first = await WorkerProcess.StartAsync(azurite.ConnectionString, cli.DataDirectory, settings))
        {
            await first.WaitForLogAsync("Enrolled <dog>");
            await queue.SendMessageAsync(request);
            await first.WaitForLogAsync("Started bulk orchestration");
            await WaitForAnyResultAsync(results, "fay/bulk/");
            await first.SignalAsync("KILL");
            await first.WaitForExitAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"first worker, killed:\n{first.Log}");
            atCrash = await ResultETagsAsync(results, "fay/bulk/");
            Assert.False(await results.GetBlobClient(summaryName).ExistsAsync(), "the bulk request finished before the kill: nothing was tested");
        }

        await using var second = await WorkerProcess.StartAsync(azurite.ConnectionString, cli.DataDirectory, settings);
        var summary = await TestBlobs.WaitForJsonAsync(results, summaryName);
        output.WriteLine($"{atCrash.Count} of {Photos} results written before the kill\nsecond worker:\n{second.Log}");

        var summaries = new List<string>();
        await foreach (var blob in results.GetBlobsAsync(BlobTraits.None, BlobStates.None, "fay/_bulk/", CancellationToken.None))
        {
            summaries.Add(blob.Name);
        }

        Assert.Equal([summaryName], summaries);
        Assert.Equal(Photos, summary.GetProperty("total").GetInt32());
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        Assert.Equal(paths.Order(StringComparer.Ordinal), summary.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()!).Order(StringComparer.Ordinal));
        var after = await ResultETagsAsync(results, "fay/bulk/");
        Assert.Equal(Photos, after.Count);
        Assert.NotEmpty(atCrash);
        foreach (var (name, etag) in atCrash)
        {
            Assert.True(after[name] == etag, $"{name} was recognised again after the restart");
        }
    }

    private static async Task WaitForAnyResultAsync(BlobContainerClient results, string prefix)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        while ((await ResultETagsAsync(results, prefix)).Count == 0)
        {
            await Task.Delay(100, deadline.Token);
        }
    }

    private static async Task<Dictionary<string, global::Azure.ETag>> ResultETagsAsync(BlobContainerClient results, string prefix)
    {
        var etags = new Dictionary<string, global::Azure.ETag>(StringComparer.Ordinal);
        await foreach (var blob in results.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            etags[blob.Name] = blob.Properties.ETag!.Value;
        }

        return etags;
    }
}
