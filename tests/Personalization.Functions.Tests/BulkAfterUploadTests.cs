using System.Text.Json;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Workflows;
using Personalization.TestSupport;
using Personalization.TestSupport.Vlm;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>
/// A photo uploaded twice and then named in a bulk request is recognised once: the bulk request looks for the recognition
/// its upload started (same deterministic instance id) and reuses its answer, where it used to recognise the photo again
/// under an id of its own (issue 10); and a bulk request that arrives while the upload's recognition is still running
/// waits for it and reuses its answer.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BulkAfterUploadTests(SharedAzurite azurite)
{
    [AzuriteSharedFact]
    public async Task PhotoUploadedTwice_ThenNamedInABulkRequest_IsRecognisedOnce()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var alice = Owners.Unique("alice");
        const string path = "trip/dog.jpg";
        var photo = await File.ReadAllBytesAsync(Path.Combine(SharedData.DreamBoothDirectory, "dog", "01.jpg"));
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a failure deadline only
        var uploadId = string.Empty;
        for (var times = 0; times < 2; times++)
        {
            uploadId = BodyOf(await app.Api.SubmitImage(HttpRequests.Bytes(photo), alice, path, CancellationToken.None)).GetProperty("instance_id").GetString()!;
            await app.TriggerImageBlobAsync($"{alice}/{path}");
            await app.Durable.WaitForInstanceCompletionAsync(uploadId, patience.Token);
        }

        var done = await BulkRecognisingOnlyTheUploadAsync(app, alice, path, uploadId, patience.Token);
        var summary = JsonDocument.Parse((await app.Storage.Results.GetBlobClient(done.ReadOutputAs<BulkSummary>()!.SummaryBlob).DownloadContentAsync()).Value.Content.ToString()).RootElement;
        var item = Assert.Single(summary.GetProperty("items").EnumerateArray());
        var upload = (await app.Durable.GetInstanceAsync(uploadId, getInputsAndOutputs: true))!.ReadOutputAs<RecognitionSummary>()!;
        Assert.Equal(upload.ResultBlob, item.GetProperty("result_blob").GetString());
        Assert.Equal(upload.Stage, item.GetProperty("stage").GetString());
    }

    [AzuriteSharedFact]
    public async Task BulkRequest_RacingARunningUploadRecognition_WaitsForIt_AndRecognisesThePhotoOnce()
    {
        // The upload's caption takes a few seconds at the (loopback) VLM, so the bulk request finds its recognition running.
        await using var vlm = await FakeVlmServer.StartAsync();
        vlm.OnTask("Task: personalised caption", VlmReply.Slow(JsonSerializer.Serialize(new { caption = "A dog on a wooden floor." }), TimeSpan.FromSeconds(6)));
        await using var app = await FunctionsApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Reasoning:Provider"] = "openai-compatible",
            ["Reasoning:Endpoint"] = new Uri(vlm.BaseUri, "/v1").ToString(),
            ["Reasoning:Model"] = "scripted-vlm",
            ["Reasoning:ApiKey"] = "test-key",
            ["Reasoning:CaptionCandidates"] = "1",
        });
        var alice = Owners.Unique("alice");
        const string path = "trip/dog.jpg";
        var photo = await File.ReadAllBytesAsync(Path.Combine(SharedData.DreamBoothDirectory, "dog", "01.jpg"));
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a failure deadline only

        var uploadId = BodyOf(await app.Api.SubmitImage(HttpRequests.Bytes(photo), alice, path, CancellationToken.None)).GetProperty("instance_id").GetString()!;
        await app.TriggerImageBlobAsync($"{alice}/{path}");
        var done = await BulkRecognisingOnlyTheUploadAsync(app, alice, path, uploadId, patience.Token);
        var upload = (await app.Durable.GetInstanceAsync(uploadId, getInputsAndOutputs: true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, upload.RuntimeStatus);
        Assert.True(upload.LastUpdatedAt > done.CreatedAt, "the upload's recognition was still running when the bulk request started");
        var summary = JsonDocument.Parse((await app.Storage.Results.GetBlobClient(done.ReadOutputAs<BulkSummary>()!.SummaryBlob).DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal(upload.ReadOutputAs<RecognitionSummary>()!.ResultBlob, Assert.Single(summary.GetProperty("items").EnumerateArray()).GetProperty("result_blob").GetString());
        Assert.Single(vlm.Requests, r => r.SystemPrompt.Contains("Task: personalised caption", StringComparison.Ordinal));
    }

    /// <summary>Names the photo in a bulk request, waits for it, and checks it succeeded with the upload's recognition as the only one.</summary>
    private static async Task<OrchestrationMetadata> BulkRecognisingOnlyTheUploadAsync(FunctionsApp app, string alice, string path, string uploadId, CancellationToken cancellationToken)
    {
        var bulk = BodyOf(await app.Api.SubmitBulk(HttpRequests.Json($"{{\"blobs\": [\"{path}\"]}}"), alice, app.Durable, CancellationToken.None)).GetProperty("instance_id").GetString()!;
        var done = await app.Durable.WaitForInstanceCompletionAsync(bulk, getInputsAndOutputs: true, cancellationToken);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        Assert.Equal(1, done.ReadOutputAs<BulkSummary>()!.Succeeded);
        var recognitions = await app.Durable.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = false })
            .Where(i => i.Name == OrchestrationNames.RecognizeImage).Select(i => i.InstanceId).ToListAsync();
        Assert.Equal([uploadId], recognitions);
        return done;
    }
}
