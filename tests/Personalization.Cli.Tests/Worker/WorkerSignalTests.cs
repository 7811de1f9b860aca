using Azure.Storage.Blobs;
using Personalization.TestSupport;
using Xunit.Abstractions;

namespace Personalization.Cli.Tests.Worker;

/// <summary>
/// <c>personalize worker</c> as a real process, stopped by a real signal while it has work in hand: it must exit 0
/// soon after, not run on until killed (it used to ignore both SIGINT and SIGTERM).
/// </summary>
public sealed class WorkerSignalTests(ITestOutputHelper output)
{
    /// <summary>A failure deadline only: a stop takes a few seconds (Worker:ShutdownSeconds is 5 by default).</summary>
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [AzuriteSharedTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Worker_SignalledWhileRecognising_StopsAndExitsZero(string signal)
    {
        await using var azurite = await Azurite.StartAsync();
        using var cli = new CliRun();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var concepts = await TestBlobs.ContainerAsync(blobs, "concepts");
        var images = await TestBlobs.ContainerAsync(blobs, "images");
        await TestBlobs.UploadAsync(concepts, "dana/dog/00.jpg", CliRun.DreamBooth("dog", "00.jpg"), new() { ["category"] = "dog" });
        foreach (var file in new[] { "01.jpg", "02.jpg", "03.jpg", "04.jpg" })
        {
            await TestBlobs.UploadAsync(images, $"dana/walk/{file}", CliRun.DreamBooth("dog", file), []);
        }

        await using var worker = await WorkerProcess.StartAsync(azurite.ConnectionString, cli.DataDirectory);
        await worker.WaitForLogAsync("Enrolled <dog>");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await worker.SignalAsync(signal);
        var exit = await worker.WaitForExitAsync(ExitDeadline);
        output.WriteLine($"SIG{signal}: exited {exit} after {clock.Elapsed.TotalSeconds:F1} s\n{worker.Log}");

        Assert.Equal(0, exit);
        Assert.Contains("worker: stopped", worker.Log, StringComparison.Ordinal);
    }
}
