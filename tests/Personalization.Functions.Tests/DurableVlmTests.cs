using System.Text.Json;
using Microsoft.DurableTask.Client;
using Personalization.TestSupport;
using Personalization.TestSupport.Vlm;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>
/// A VLM configured by Reasoning__* app settings is shown the uploaded photo from the durable path: upload through the HTTP API, the
/// blob trigger, the recognition orchestration and its activities, all on the Functions app's own composition, against
/// the loopback VLM server. The durable steps used to get no image store, so the VLM got no pixels and every stage fell
/// back to the offline reasoner without asking it (issue 10).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableVlmTests(SharedAzurite azurite)
{
    private const string Caption =
        "A small dog sits on a wooden floor beside a sofa, looking up at the camera with its ears forward and its tail curled behind it.";

    [AzuriteSharedFact]
    public async Task UploadedPhoto_WithAVlmConfigured_ReachesTheVlmFromTheRecognitionOrchestration()
    {
        await using var vlm = await FakeVlmServer.StartAsync();
        vlm.OnTask("Task: personalised caption", VlmReply.Json(JsonSerializer.Serialize(new { caption = Caption })));
        // As app settings (environment variables, Reasoning__*), the form the Functions host passes them in.
        using var settings = new ScopedEnvironment(new Dictionary<string, string>
        {
            ["Reasoning__Provider"] = "openai-compatible",
            ["Reasoning__Endpoint"] = new Uri(vlm.BaseUri, "/v1").ToString(),
            ["Reasoning__Model"] = "scripted-vlm",
            ["Reasoning__ApiKey"] = "test-key",
            ["Reasoning__CaptionCandidates"] = "1",
        });
        await using var app = await FunctionsApp.StartAsync(azurite, environmentPrefix: settings.Prefix);
        var alice = Owners.Unique("alice");
        const string path = "trip/dog.jpg";
        var photo = await File.ReadAllBytesAsync(Path.Combine(SharedData.DreamBoothDirectory, "dog", "01.jpg"));

        var accepted = await app.Api.SubmitImage(HttpRequests.Bytes(photo), alice, path, CancellationToken.None);
        var instanceId = BodyOf(accepted).GetProperty("instance_id").GetString()!;
        await app.TriggerImageBlobAsync($"{alice}/{path}");
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a failure deadline only
        var done = await app.Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, patience.Token);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var captions = vlm.Requests.Where(r => r.SystemPrompt.Contains("Task: personalised caption", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(captions);
        Assert.All(captions, r => Assert.StartsWith("data:image/jpeg;base64,", Assert.Single(r.Images), StringComparison.Ordinal));
        var result = JsonDocument.Parse(await app.Api.GetResult(HttpRequests.Get(), alice, path, CancellationToken.None) is Microsoft.AspNetCore.Mvc.ContentResult { Content: { } json } ? json : "{}").RootElement;
        Assert.Equal(Caption, result.GetProperty("caption").GetString());
    }
}
