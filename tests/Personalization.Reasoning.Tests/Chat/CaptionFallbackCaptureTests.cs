using Personalization.Core.Diagnostics;
using Personalization.Core.Ports;
using Personalization.Reasoning.Tests.Offline;
using Personalization.TestSupport.Vlm;

namespace Personalization.Reasoning.Tests.Chat;

/// <summary>
/// The VLM reasoner's caption fallback reaches the item's <see cref="FallbackCapture"/> with its reason, which is what
/// puts it in the result's trace (<c>caption_fallback</c>); before, it was counted and logged only.
/// </summary>
public sealed class CaptionFallbackCaptureTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public async Task CaptionAsync_MalformedAnswers_FallbackIsCapturedWithItsReason()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: personalised caption", VlmReply.Json("this is not json"), VlmReply.Json("still not json"));
        using var vlm = new VlmHarness(server, miniLm.Encoder, settings: new Dictionary<string, string?> { ["Reasoning:CaptionCandidates"] = "1" });
        var bo = Scenes.Concept("bo");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var capture = FallbackCapture.Begin();
        var caption = await vlm.Reasoner.CaptionAsync(new CaptionRequest(Scenes.Park(), [new RecognizedConcept(bo, null, 0.9f)], [bo.Name], VlmHarness.Jpeg()), timeout.Token);

        Assert.Contains("<bo>", caption, StringComparison.Ordinal);
        var (stage, reason) = Assert.Single(capture.Reasons);
        Assert.Equal(ReasoningStages.Caption, stage);
        Assert.StartsWith("malformed answer", reason, StringComparison.Ordinal);
    }
}
