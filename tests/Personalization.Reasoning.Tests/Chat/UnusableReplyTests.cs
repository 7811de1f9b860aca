using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Preference;
using Personalization.Reasoning.Chat;
using Personalization.Reasoning.Tests.Offline;
using Personalization.TestSupport.Vlm;

namespace Personalization.Reasoning.Tests.Chat;

/// <summary>
/// Issue 12, item 5: an HTTP 200 whose body is not a chat completion (not JSON, empty, cut off, no choices) is an
/// unusable reply, retried and then answered offline like a 500, in every stage and for every provider.
/// </summary>
public sealed class UnusableReplyTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>, IDisposable
{
    private const string CutOffCompletion =
        "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"test-vlm\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"answer\\\": \\\"Ye";

    private const string NoChoices =
        "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"test-vlm\",\"choices\":[]}";

    private const string OllamaCutOff =
        "{\"model\":\"test-vlm\",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"ans";

    private const string OllamaNoMessage = "{\"model\":\"test-vlm\",\"created_at\":\"2025-01-01T00:00:00Z\",\"done\":true}";

    private static readonly Dictionary<string, string?> OneRetry = new() { ["Reasoning:MaxRetries"] = "1" };

    public static TheoryData<string, string> Bodies => new()
    {
        { ReasoningProviders.OpenAICompatible, "this is not json" },
        { ReasoningProviders.OpenAICompatible, string.Empty },
        { ReasoningProviders.OpenAICompatible, CutOffCompletion },
        { ReasoningProviders.OpenAICompatible, NoChoices },
        { ReasoningProviders.OpenAICompatible, "{\"error\": null}" },
        { ReasoningProviders.AzureOpenAI, "this is not json" },
        { ReasoningProviders.AzureOpenAI, NoChoices },
        { ReasoningProviders.Ollama, "this is not json" },
        { ReasoningProviders.Ollama, string.Empty },
        { ReasoningProviders.Ollama, OllamaCutOff },
        { ReasoningProviders.Ollama, OllamaNoMessage },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task ComparePairAsync_Http200ThatIsNotAChatCompletion_IsRetriedThenAnsweredOfflineLikeA500(string provider, string body)
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: same-object check", VlmReply.RawBody(body));
        using var vlm = new VlmHarness(server, miniLm.Encoder, provider, OneRetry);

        var judgement = await vlm.Reasoner.ComparePairAsync(PairRequest(), Token);

        AssertUnusableFallback(judgement.Evidence);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(1, vlm.Usage.Snapshot()[ReasoningStages.Pairwise].Fallbacks);
    }

    [Fact]
    public async Task FingerprintAsync_Http200NotJson_EnrolsWithTheOfflineFingerprint()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: fingerprint", VlmReply.RawBody("this is not json"));
        using var vlm = new VlmHarness(server, miniLm.Encoder, settings: OneRetry);
        var reference = Scenes.Analysis([Scenes.Region(source: "detection", label: "dog", box: new BoundingBox(100, 60, 120, 120))]);

        var proposal = await vlm.Reasoner.FingerprintAsync(new FingerprintRequest(ConceptName.Parse("bo"), "dog", null, [], [reference], [VlmHarness.Jpeg()]), Token);

        Assert.NotEmpty(proposal.Attributes);
        Assert.DoesNotContain(proposal.Attributes, a => a.Source == "vlm");
        Assert.Equal(1, vlm.Usage.Snapshot()[ReasoningStages.Fingerprint].Fallbacks);
    }

    [Fact]
    public async Task ReasonAsync_Http200NoChoices_FallsBackToOffline()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: attribute-focused reasoning", VlmReply.RawBody(NoChoices));
        using var vlm = new VlmHarness(server, miniLm.Encoder, settings: OneRetry);
        var bo = Scenes.Concept("bo") with { Fingerprint = [new FingerprintAttribute("red collar", "user", new[] { 1f, 0f, 0f })] };

        var reasoning = await vlm.Reasoner.ReasonAsync(new ReasoningRequest(Scenes.Bare(), [new CandidateContext(bo, new Candidate(bo.Name, 0.8f, 0.8f, 0, 0, 0))], VlmHarness.Jpeg()), Token);

        AssertUnusableFallback(reasoning.Rationale);
    }

    [Fact]
    public async Task CaptionAsync_Http200Empty_UsesTheOfflineCaption()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: personalised caption", VlmReply.RawBody(string.Empty));
        using var vlm = new VlmHarness(server, miniLm.Encoder, settings: OneRetry);
        var bo = Scenes.Concept("bo");

        var caption = await vlm.Reasoner.CaptionAsync(new CaptionRequest(Scenes.Park(), [new RecognizedConcept(bo, null, 0.9f)], [bo.Name], VlmHarness.Jpeg()), Token);

        Assert.Contains("<bo>", caption.Text, StringComparison.Ordinal);
        AssertUnusableFallback(caption.Source);
        Assert.Equal(1, vlm.Usage.Snapshot()[ReasoningStages.Caption].Fallbacks);
    }

    [Fact]
    public async Task AnswerAsync_Http200CutOff_AnswersOffline()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: answer the user's question", VlmReply.RawBody(CutOffCompletion));
        using var vlm = new VlmHarness(server, miniLm.Encoder, settings: OneRetry);
        var request = new QuestionRequest("What is bo doing?", VlmHarness.Jpeg(), Scenes.Bare(), [new RetrievedConcept(Scenes.Concept("bo"), "named in the question")]);

        var answer = await vlm.Answerer.AnswerAsync(request, Token);

        AssertUnusableFallback(answer.Source);
    }

    [Fact]
    public async Task PreferenceStages_Http200NotJson_ProfileAndVerdictComeFromTheOfflineJudge()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.On(_ => true, VlmReply.RawBody("this is not json"));
        using var vlm = new VlmHarness(server, miniLm.Encoder, settings: OneRetry);
        var judge = vlm.Get<IPreferenceJudge>();

        var profile = await judge.PredictProfileAsync("alice", [Image("l1", 0.8f), Image("l2", 0.7f)], [Image("d1", 0.2f), Image("d2", 0.1f)], DateTimeOffset.UnixEpoch, Token);
        var verdict = await judge.JudgeAsync(profile, Image("a", 0.75f), Image("b", 0.15f), Token);

        Assert.Contains("offline fallback", profile.Version, StringComparison.Ordinal);
        AssertUnusableFallback(verdict.Reason);
    }

    private static void AssertUnusableFallback(string trace)
    {
        Assert.DoesNotContain("Exception", trace, StringComparison.Ordinal); // refused by the wire check, not by an SDK failure
        Assert.StartsWith("offline fallback (model unavailable:", trace, StringComparison.Ordinal);
        Assert.Contains("unusable reply", trace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComparePairAsync_CompletionTheSdkCannotRead_IsAnUnusableReplyNotACrash()
    {
        // Passes the wire check (choices, a message with text) but the SDK cannot read the role.
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: same-object check", VlmReply.RawBody("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":\"yesterday\",\"model\":7,\"choices\":[{\"index\":\"first\",\"message\":{\"role\":42,\"content\":\"{}\"},\"finish_reason\":[]}]}"));
        using var vlm = new VlmHarness(server, miniLm.Encoder, settings: OneRetry);

        var judgement = await vlm.Reasoner.ComparePairAsync(PairRequest(), Token);

        Assert.StartsWith("offline fallback (model unavailable: unusable reply:", judgement.Evidence, StringComparison.Ordinal);
    }

    private static PreferenceImage Image(string id, float value) => new(
        new DescribedImage(id, "hash-" + id, Enum.GetValues<PreferenceDimension>().ToDictionary(d => d, _ => new DimensionDescription([value], [], "measured"))),
        VlmHarness.Jpeg(id + ".jpg"));

    private static PairwiseRequest PairRequest() => new(Scenes.Bare(), Scenes.Concept("bo"), VlmHarness.Jpeg(), VlmHarness.Jpeg("ref.jpg", 0xFF1565C0));

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();
}
