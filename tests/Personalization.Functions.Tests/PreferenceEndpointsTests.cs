using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Personalization.TestSupport;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>
/// PreferThinker requests through <see cref="PreferenceApi"/>: validation, the orchestration started once per owner and
/// request id, its verdicts readable by their owner only. (Verdicts on real images run in the worker tests.)
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PreferenceEndpointsTests(SharedAzurite azurite)
{
    [AzuriteTheory]
    [InlineData("not json", "malformed JSON")]
    [InlineData("{\"pairs\": []}", "\"pairs\" must list")]
    [InlineData("{\"pairs\": [{\"a\": \"x.jpg\"}]}", "needs \"a\" and \"b\"")]
    [InlineData("{\"liked\": [\"../bob/x.jpg\"], \"pairs\": [{\"a\": \"x.jpg\", \"b\": \"y.jpg\"}]}", "'..'")]
    [InlineData("{\"request_id\": \"../r\", \"pairs\": [{\"a\": \"x.jpg\", \"b\": \"y.jpg\"}]}", "request_id")]
    public async Task SubmitPreferences_BadRequest_Is400WithTheReasonAndStartsNothing(string body, string expected)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        var error = BadRequestError(await app.Preferences.SubmitPreferences(HttpRequests.Json(body), Owners.Unique("dana"), app.Durable, CancellationToken.None));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(await app.Durable.GetAllInstancesAsync().ToListAsync());
    }

    [AzuriteSharedFact]
    public async Task SubmitPreferences_NoProfileYet_CompletesWithTheReasonPerPairAndOnlyItsOwnerSeesIt()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var (dana, erin) = (Owners.Unique("dana"), Owners.Unique("erin"));
        const string body = "{\"owner\": \"someone-else\", \"request_id\": \"r1\", \"pairs\": [{\"a\": \"x.jpg\", \"b\": \"y.jpg\"}]}";

        var submitted = await app.Preferences.SubmitPreferences(HttpRequests.Json(body), dana, app.Durable, CancellationToken.None);
        var again = await app.Preferences.SubmitPreferences(HttpRequests.Json(body), dana, app.Durable, CancellationToken.None);

        Assert.Equal(202, StatusOf(submitted));
        var instanceId = BodyOf(submitted).GetProperty("instance_id").GetString()!;
        Assert.StartsWith($"{dana}~prefer-", instanceId, StringComparison.Ordinal);
        Assert.Equal(instanceId, BodyOf(again).GetProperty("instance_id").GetString());
        Assert.Single(await app.Durable.GetAllInstancesAsync().ToListAsync());
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var done = await app.Durable.WaitForInstanceCompletionAsync(instanceId, patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        var result = Assert.IsType<ContentResult>(await app.Preferences.GetPreferenceResult(HttpRequests.Get(), dana, "r1", CancellationToken.None));
        var document = System.Text.Json.JsonDocument.Parse(result.Content!).RootElement;
        Assert.Equal((dana, 0, 1), (document.GetProperty("owner").GetString(), document.GetProperty("judged").GetInt32(), document.GetProperty("failed").GetInt32()));
        Assert.Contains("no stored profile", document.GetProperty("pairs")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, StatusOf(await app.Api.GetStatus(HttpRequests.Get(), dana, instanceId, app.Durable, CancellationToken.None)));
        Assert.Equal(404, StatusOf(await app.Api.GetStatus(HttpRequests.Get(), erin, instanceId, app.Durable, CancellationToken.None)));
        Assert.Equal(404, StatusOf(await app.Preferences.GetPreferenceResult(HttpRequests.Get(), erin, "r1", CancellationToken.None)));
    }

    [AzuriteFact]
    public async Task GetPreferenceResult_UnknownOrUnsafeRequestId_Is404Or400()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        Assert.Equal(404, StatusOf(await app.Preferences.GetPreferenceResult(HttpRequests.Get(), Owners.Unique("dana"), "never", CancellationToken.None)));
        BadRequestError(await app.Preferences.GetPreferenceResult(HttpRequests.Get(), Owners.Unique("dana"), "..", CancellationToken.None));
        BadRequestError(await app.Preferences.GetPreferenceResult(HttpRequests.Get(), "a'b", "r1", CancellationToken.None));
    }
}
