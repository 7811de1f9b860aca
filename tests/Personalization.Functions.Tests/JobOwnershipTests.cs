using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;
using Personalization.Core.Recognition;
using Personalization.TestSupport;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>
/// A job's status is shown to the owner its instance id was made for and to no one else (404, as for a job that does not
/// exist), decided by the id's owner prefix (<see cref="InstanceIds"/>), not by what the orchestration's input says; it
/// used to be decided by sniffing an <c>Owner</c> field out of the serialized input (issue 10).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobOwnershipTests(SharedAzurite azurite)
{
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];

    [AzuriteFact]
    public async Task SubmittedPhotosJob_IsOwnerPrefixed_AndItsStatusIsNotFoundForAnotherOwner()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var (alice, bob) = (Owners.Unique("alice"), Owners.Unique("bob"));

        var instanceId = BodyOf(await app.Api.SubmitImage(HttpRequests.Bytes(Photo), alice, "dog.jpg", CancellationToken.None)).GetProperty("instance_id").GetString()!;
        await ScheduleAsync(app, instanceId, bob); // the same instance the blob trigger would start, started here directly

        Assert.StartsWith($"{alice}~", instanceId, StringComparison.Ordinal);
        Assert.Equal(200, StatusOf(await app.Api.GetStatus(HttpRequests.Get(), alice, instanceId, app.Durable, CancellationToken.None)));
        Assert.Equal(404, StatusOf(await app.Api.GetStatus(HttpRequests.Get(), bob, instanceId, app.Durable, CancellationToken.None)));
    }

    [AzuriteFact]
    public async Task AnInstanceWhoseIdIsNotOwnerPrefixed_IsNobodysEvenIfItsInputNamesAnOwner()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var alice = Owners.Unique("alice");
        var instanceId = "recognize-" + Guid.NewGuid().ToString("N");
        await ScheduleAsync(app, instanceId, alice);

        Assert.Equal(404, StatusOf(await app.Api.GetStatus(HttpRequests.Get(), alice, instanceId, app.Durable, CancellationToken.None)));
    }

    /// <summary>Starts a recognition of an image no analysis exists for, whose input names <paramref name="inputOwner"/>.</summary>
    private static Task ScheduleAsync(FunctionsApp app, string instanceId, string inputOwner) =>
        app.Durable.ScheduleNewOrchestrationInstanceAsync(
            OrchestrationNames.RecognizeImage,
            new RecognitionRequest(new ImageRef(OwnerId.Parse(inputOwner), new string('0', 64)), "dog.jpg", ChainThresholds.From(new RecognitionOptions())),
            new StartOrchestrationOptions(instanceId));
}
