using Azure.Storage.Blobs;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Worker;

/// <summary>
/// A single upload the worker cannot read (empty, corrupt, truncated) gets a result blob saying why, where its result
/// would be; it used to be a log line only, and the uploader waited for a result that never came.
/// </summary>
public sealed class WorkerFailedUploadTests
{
    [AzuriteSharedFact]
    public async Task Worker_EmptyCorruptAndTruncatedUploads_EachGetAnErrorResultAtItsResultPath()
    {
        await using var azurite = await Azurite.StartAsync();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var images = await TestBlobs.ContainerAsync(blobs, "images");
        await images.GetBlobClient("erin/bad/empty.jpg").UploadAsync(new BinaryData(Array.Empty<byte>()));
        await images.GetBlobClient("erin/bad/corrupt.jpg").UploadAsync(new BinaryData(Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray()));
        await images.GetBlobClient("erin/bad/truncated.jpg").UploadAsync(new BinaryData(File.ReadAllBytes(CliRun.DreamBooth("dog", "02.jpg"))[..300]));
        await TestBlobs.UploadAsync(images, "erin/good/dog.jpg", CliRun.DreamBooth("dog", "01.jpg"), []);

        await using var worker = await WorkerRun.StartAsync(azurite.ConnectionString);
        var results = blobs.GetBlobContainerClient("results");
        foreach (var name in new[] { "empty.jpg", "corrupt.jpg", "truncated.jpg" })
        {
            var result = await TestBlobs.WaitForJsonAsync(results, $"erin/bad/{name}.json");
            Assert.Equal($"bad/{name}", result.GetProperty("image").GetString());
            Assert.Equal("failed", result.GetProperty("stage").GetString());
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("error").GetString()));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("concept").ValueKind);
        }

        // A photo of an owner with no concepts: nothing found, said with nulls.
        var good = await TestBlobs.WaitForJsonAsync(results, "erin/good/dog.jpg.json");
        Assert.False(good.TryGetProperty("error", out _));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, good.GetProperty("concept").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, good.GetProperty("box").ValueKind);
    }
}
