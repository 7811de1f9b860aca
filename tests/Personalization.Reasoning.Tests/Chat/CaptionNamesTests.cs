using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Reasoning.Tests.Offline;
using Personalization.TestSupport.Vlm;

namespace Personalization.Reasoning.Tests.Chat;

/// <summary>
/// Issue 12, item 9: a VLM caption may name, in angle brackets, only the concepts recognised in that photo; one that
/// names anything else (a concept the owner does not have, or has but was not recognised) is discarded, and with no
/// acceptable candidate the offline caption is used and the fallback counted.
/// </summary>
public sealed class CaptionNamesTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>, IDisposable
{
    private const string Stranger = "{\"caption\": \"<bo> rests on the lawn beside <bobsecret>, who guards the garden gate while the afternoon sun warms the grass and the hedges.\"}";
    // Full reward but far from the 220-character target: it wins only when the better-looking leak is discarded.
    private const string Good = "{\"caption\": \"<bo> the golden dog rests on a green lawn in the afternoon sun, his red collar bright against his fur.\"}";

    [Fact]
    public async Task CaptionAsync_EveryCandidateNamesAConceptTheOwnerDoesNotHave_UsesTheOfflineCaption()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: personalised caption", VlmReply.Json(Stranger));
        using var vlm = new VlmHarness(server, miniLm.Encoder);

        var caption = await vlm.Reasoner.CaptionAsync(Request(), Token);

        Assert.DoesNotContain("bobsecret", caption.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<bo>", caption.Text, StringComparison.Ordinal);
        Assert.StartsWith("offline fallback (malformed answer after a repair request: no acceptable caption in 3 candidate(s): named <bobsecret>, which was not recognised in this photo", caption.Source, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(1, vlm.Usage.Snapshot()[ReasoningStages.Caption].Fallbacks);
    }

    [Theory]
    [InlineData("<bobsecret>")]
    [InlineData("< BobSecret >")]
    public async Task CaptionAsync_OneCandidateNamesAnotherConcept_IsDiscardedAndAnAcceptableOneWins(string other)
    {
        // Full reward at about the target length: the search would stop at it.
        var leak = "{\"caption\": \"<bo> the golden dog rests on a wide green lawn in the afternoon sun next to " + other + ", his red collar bright against his fur, while two people walk past a row of tall trees at the far edge of the park.\"}";
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: personalised caption", VlmReply.Json(leak), VlmReply.Json(Good));
        using var vlm = new VlmHarness(server, miniLm.Encoder);

        var caption = await vlm.Reasoner.CaptionAsync(Request(), Token);

        Assert.Equal("<bo> the golden dog rests on a green lawn in the afternoon sun, his red collar bright against his fur.", caption.Text);
        Assert.Equal(vlm.Reasoner.Name, caption.Source);
        Assert.Equal(3, server.Requests.Count); // the leak, then the acceptable one twice (not perfect, so all 3 are asked)
        Assert.Equal(0, vlm.Usage.Snapshot()[ReasoningStages.Caption].Fallbacks);
    }

    private static CaptionRequest Request()
    {
        var bo = Scenes.Concept("bo");
        return new CaptionRequest(Scenes.Park(), [new RecognizedConcept(bo, null, 0.9f)], [bo.Name, ConceptName.Parse("mochi")], VlmHarness.Jpeg());
    }

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();
}
