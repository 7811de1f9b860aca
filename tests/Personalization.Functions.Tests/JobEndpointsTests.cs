using Microsoft.DurableTask.Client;
using Personalization.TestSupport;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>
/// Bulk requests and job status, through <see cref="HttpApi"/> with the durable task backend in memory and the
/// real orchestrations (the bulk job here lists an empty prefix, so it runs no model).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobEndpointsTests(SharedAzurite azurite)
{
    [AzuriteTheory]
    [InlineData("{\"prefix\": ")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[\"trip/\"]")]
    [InlineData("\"trip/\"")]
    public async Task SubmitBulk_MalformedJson_Is400SayingSo(string body)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        var error = BadRequestError(await app.Api.SubmitBulk(HttpRequests.Json(body), Owners.Unique("alice"), app.Durable, CancellationToken.None));

        Assert.Contains("malformed", error, StringComparison.Ordinal);
    }

    [AzuriteTheory]
    [InlineData("{}", "prefix")]
    [InlineData("{\"prefix\": \"../bob/\"}", "prefix")]
    [InlineData("{\"blobs\": [\"../bob/x.jpg\"]}", "..")]
    [InlineData("{\"prefix\": \"trip/\", \"blobs\": [\"x.jpg\"]}", "prefix")]
    public async Task SubmitBulk_InvalidRequest_Is400WithTheReasonAndStartsNothing(string body, string expected)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        var error = BadRequestError(await app.Api.SubmitBulk(HttpRequests.Json(body), Owners.Unique("alice"), app.Durable, CancellationToken.None));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(await app.Durable.GetAllInstancesAsync().ToListAsync());
    }

    [AzuriteFact]
    public async Task SubmitBulk_ValidRequest_StartsAJobWhoseStatusOnlyItsOwnerSees()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var (alice, bob) = (Owners.Unique("alice"), Owners.Unique("bob"));

        // The owner in the body is ignored: the route's owner is the only one.
        var result = await app.Api.SubmitBulk(HttpRequests.Json($"{{\"owner\": \"{bob}\", \"prefix\": \"trip/\"}}"), alice, app.Durable, CancellationToken.None);

        Assert.Equal(202, StatusOf(result));
        var instanceId = BodyOf(result).GetProperty("instance_id").GetString()!;
        Assert.StartsWith($"{alice}~bulk-", instanceId, StringComparison.Ordinal);
        Assert.Equal($"owners/{alice}/jobs/{instanceId}", Assert.IsType<Personalization.Azure.Http.ProductJsonResult>(result).Location);
        var running = await app.Api.GetStatus(HttpRequests.Get(), alice, instanceId, app.Durable, CancellationToken.None);
        Assert.Equal(200, StatusOf(running));
        Assert.Equal(instanceId, BodyOf(running).GetProperty("instance_id").GetString());
        Assert.Contains(BodyOf(running).GetProperty("status").GetString(), Enum.GetNames<OrchestrationRuntimeStatus>());

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await app.Durable.WaitForInstanceCompletionAsync(instanceId, patience.Token);
        var done = BodyOf(await app.Api.GetStatus(HttpRequests.Get(), alice, instanceId, app.Durable, CancellationToken.None));

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(0, done.GetProperty("output").GetProperty("Total").GetInt32());
        Assert.Equal(404, StatusOf(await app.Api.GetStatus(HttpRequests.Get(), bob, instanceId, app.Durable, CancellationToken.None)));
    }

    [AzuriteFact]
    public async Task GetStatus_UnknownInstanceOrMaliciousOwner_IsNotFoundOrBadRequest()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        Assert.Equal(404, StatusOf(await app.Api.GetStatus(HttpRequests.Get(), Owners.Unique("alice"), "bulk-0123456789", app.Durable, CancellationToken.None)));
        Assert.Contains("owner id", BadRequestError(await app.Api.GetStatus(HttpRequests.Get(), "../x", "bulk-0123456789", app.Durable, CancellationToken.None)), StringComparison.Ordinal);
        BadRequestError(await app.Api.SubmitBulk(HttpRequests.Json("{\"prefix\": \"trip/\"}"), "a'b", app.Durable, CancellationToken.None));
    }
}
