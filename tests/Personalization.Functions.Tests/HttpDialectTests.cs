using System.Text.Json;
using Personalization.TestSupport;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>
/// The HTTP API answers in the product's one JSON dialect (snake_case, as the CLI's --json and the result blobs), whatever
/// JSON options the host's MVC has; it used to answer in ASP.NET Core's default camelCase (issue 10).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HttpDialectTests(SharedAzurite azurite)
{
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];

    [AzuriteFact]
    public async Task SubmitImage_And_GetStatus_AnswerInSnakeCaseJson_WithTheJobsLocation()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var alice = Owners.Unique("alice");

        var accepted = WireOf(await app.Api.SubmitImage(HttpRequests.Bytes(Photo), alice, "dog.jpg", CancellationToken.None));
        var bulkId = BodyOf(await app.Api.SubmitBulk(HttpRequests.Json("{\"prefix\": \"trip/\"}"), alice, app.Durable, CancellationToken.None)).GetProperty("instance_id").GetString()!;
        var status = BodyOf(await app.Api.GetStatus(HttpRequests.Get(), alice, bulkId, app.Durable, CancellationToken.None));

        Assert.Equal(202, accepted.Status);
        Assert.StartsWith("application/json", accepted.ContentType, StringComparison.Ordinal);
        var body = JsonDocument.Parse(accepted.Body).RootElement;
        Assert.False(body.TryGetProperty("instanceId", out _), accepted.Body);
        Assert.Equal($"owners/{alice}/jobs/{body.GetProperty("instance_id").GetString()}", accepted.Headers.Location.ToString());
        Assert.Equal(bulkId, status.GetProperty("instance_id").GetString());
    }
}
