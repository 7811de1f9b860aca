using Microsoft.Extensions.Logging;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Reasoning.Tests.Offline;
using Personalization.TestSupport.Vlm;

namespace Personalization.Reasoning.Tests.Chat;

/// <summary>
/// Issue 12, item 6: a reply whose body trickles is bounded by the timeout; each image and each run has a wall-clock
/// budget; a model that keeps failing is not called for a while (circuit breaker), said once. No test asserts how
/// long anything took: each asserts that the call ended (within the test's own 60 s token) and how it fell back.
/// </summary>
public sealed class SlowAndDeadModelTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>, IDisposable
{
    private const string Yes = "{\"answer\": \"Yes\", \"evidence\": \"the same red square, and this reply is long enough to trickle for minutes\"}";

    [Fact]
    public async Task ComparePairAsync_HeadersAtOnceBodyTrickles_TheTimeoutCoversTheBodyAndItFallsBack()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: same-object check", VlmReply.Trickle(Yes, TimeSpan.FromSeconds(1)));
        using var vlm = new VlmHarness(server, miniLm.Encoder, settings: new Dictionary<string, string?>
        {
            ["Reasoning:TimeoutSeconds"] = "1",
            ["Reasoning:MaxRetries"] = "1",
        });

        var judgement = await vlm.Reasoner.ComparePairAsync(PairRequest(), Token);

        Assert.StartsWith("offline fallback (model unavailable:", judgement.Evidence, StringComparison.Ordinal);
        Assert.Contains("no complete response within 1 s (after 2 attempt(s))", judgement.Evidence, StringComparison.Ordinal);
        Assert.Equal(2, (await server.WaitForRequestsAsync(2)).Count);
    }

    [Fact]
    public async Task Stages_ModelKeepsFailing_BreakerStopsCallingAfterNFailuresSaysSoOnceAndTriesAgainAfterTheBreak()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: same-object check", new VlmReply("{\"error\":{\"message\":\"overloaded\"}}", 503), new VlmReply("{}", 503), new VlmReply("{}", 503), VlmReply.YesNo(true, -0.05, -3));
        var logs = new ListLoggerProvider();
        var clock = new SettableClock();
        using var vlm = new VlmHarness(
            server,
            miniLm.Encoder,
            settings: new Dictionary<string, string?> { ["Reasoning:MaxRetries"] = "0", ["Reasoning:BreakAfterFailures"] = "3", ["Reasoning:BreakSeconds"] = "60" },
            logs: logs,
            time: clock);

        var judgements = new List<PairwiseJudgement>();
        for (var i = 0; i < 6; i++)
        {
            judgements.Add(await vlm.Reasoner.ComparePairAsync(PairRequest(), Token));
        }

        Assert.Equal(3, server.Requests.Count); // calls 4 to 6 never reached the model
        Assert.All(judgements, j => Assert.StartsWith("offline fallback (", j.Evidence, StringComparison.Ordinal));
        Assert.All(judgements[3..], j => Assert.StartsWith("offline fallback (model not called: circuit open after 3 failed calls in a row", j.Evidence, StringComparison.Ordinal));
        var said = logs.Lines.Where(l => l.Level >= LogLevel.Warning && l.Message.Contains("in a row", StringComparison.Ordinal)).ToList();
        Assert.True(said.Count == 1, string.Join("\n", said));
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Warning && l.Message.Contains("circuit open", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromSeconds(61));
        var afterBreak = await vlm.Reasoner.ComparePairAsync(PairRequest(), Token);

        Assert.Contains("from log-probabilities", afterBreak.Evidence, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task ReasonThenPairwise_ModelNeverAnswers_ThePerImageBudgetEndsTheImagesCallsAndItsLaterStagesAreOffline()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.On(_ => true, VlmReply.Slow(Yes, TimeSpan.FromMinutes(5)));
        using var vlm = new VlmHarness(server, miniLm.Encoder, settings: new Dictionary<string, string?>
        {
            ["Reasoning:TimeoutSeconds"] = "1",
            ["Reasoning:MaxRetries"] = "10",
            ["Reasoning:MaxSecondsPerImage"] = "2",
            ["Reasoning:BreakAfterFailures"] = "0",
        });
        var bo = Scenes.Concept("bo") with { Fingerprint = [new FingerprintAttribute("red collar", "user", new[] { 1f, 0f, 0f })] };
        var query = Scenes.Bare();

        var reasoning = await vlm.Reasoner.ReasonAsync(new ReasoningRequest(query, [new CandidateContext(bo, new Candidate(bo.Name, 0.8f, 0.8f, 0, 0, 0))], VlmHarness.Jpeg()), Token);
        var calls = server.Requests.Count;
        var judgement = await vlm.Reasoner.ComparePairAsync(new PairwiseRequest(query, bo, VlmHarness.Jpeg(), VlmHarness.Jpeg("ref.jpg")), Token);

        Assert.StartsWith("offline fallback (the image's VLM time budget (2 s) is spent)", reasoning.Rationale, StringComparison.Ordinal);
        Assert.StartsWith("offline fallback (the image's VLM time budget (2 s) is spent)", judgement.Evidence, StringComparison.Ordinal);
        Assert.InRange(calls, 1, 10); // not all 11 attempts
        Assert.Equal(calls, server.Requests.Count);
    }

    [Fact]
    public async Task ComparePairAsync_ModelNeverAnswers_TheRunsTimeBudgetEndsTheCallAndLaterCallsAreOffline()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.On(_ => true, VlmReply.Slow(Yes, TimeSpan.FromMinutes(5)));
        using var vlm = new VlmHarness(server, miniLm.Encoder, settings: new Dictionary<string, string?>
        {
            ["Reasoning:TimeoutSeconds"] = "1",
            ["Reasoning:MaxRetries"] = "10",
            ["Reasoning:MaxRunSeconds"] = "2",
            ["Reasoning:MaxSecondsPerImage"] = "0",
            ["Reasoning:BreakAfterFailures"] = "0",
        });

        var first = await vlm.Reasoner.ComparePairAsync(PairRequest(), Token);
        var calls = server.Requests.Count;
        var second = await vlm.Reasoner.ComparePairAsync(new PairwiseRequest(Scenes.Park(), Scenes.Concept("bo"), VlmHarness.Jpeg("other.jpg"), VlmHarness.Jpeg("ref.jpg")), Token);

        Assert.StartsWith("offline fallback (the run's VLM time budget (2 s) is spent)", first.Evidence, StringComparison.Ordinal);
        Assert.StartsWith("offline fallback (the run's VLM time budget (2 s) is spent)", second.Evidence, StringComparison.Ordinal);
        Assert.Equal(calls, server.Requests.Count);
        Assert.Equal(2, vlm.Usage.Snapshot()[ReasoningStages.Pairwise].Fallbacks);
    }

    private static PairwiseRequest PairRequest() => new(Scenes.Bare(), Scenes.Concept("bo"), VlmHarness.Jpeg(), VlmHarness.Jpeg("ref.jpg", 0xFF1565C0));

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();
}
