using Personalization.Core.Preference;
using Personalization.Reasoning.Offline;
using Personalization.Reasoning.Tests.Offline;
using Personalization.TestSupport.Vlm;

namespace Personalization.Reasoning.Tests.Chat;

/// <summary>PreferThinker's three VLM stages through the real OpenAI client against the loopback server.</summary>
public sealed class ChatClientPreferenceTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>
{
    private const string Profile = """
        {"dimensions": [
          {"dimension": "art style", "likes": ["minimalist"], "dislikes": ["baroque"]},
          {"dimension": "color", "likes": ["blush pink", "sage"], "dislikes": ["electric lime"]},
          {"dimension": "detail", "likes": ["clean lines"], "dislikes": ["intricate"]},
          {"dimension": "art medium", "likes": ["watercolor"], "dislikes": []},
          {"dimension": "saturation", "likes": ["muted"], "dislikes": ["neon"]}
        ]}
        """;

    private static string Assessment(int a, int b) => $$"""
        {"dimensions": [
          {"dimension": "art style", "reason": "calm composition", "score_a": {{a}}, "score_b": {{b}}},
          {"dimension": "color", "reason": "soft pinks", "score_a": {{a}}, "score_b": {{b}}},
          {"dimension": "detail", "reason": "clean", "score_a": {{a}}, "score_b": {{b}}},
          {"dimension": "art medium", "reason": "watery washes", "score_a": {{a}}, "score_b": {{b}}},
          {"dimension": "saturation", "reason": "muted", "score_a": {{a}}, "score_b": {{b}}}
        ]}
        """;

    private static string Decision(string letter) => $$"""{"preferred": "{{letter}}", "confidence": 0.8, "reason": "closer to the taste"}""";

    /// <summary>A measured image whose features are all <paramref name="value"/> (the offline weights need some spread).</summary>
    private static PreferenceImage Image(string id, float value, uint colour) => new(
        new DescribedImage(id, "hash-" + id, Enum.GetValues<PreferenceDimension>().ToDictionary(d => d, _ => new DimensionDescription([value], [], "measured"))),
        VlmHarness.Jpeg(id + ".jpg", background: colour));

    private static readonly PreferenceImage[] Liked = [Image("l1", 0.8f, 0xFFF2C4CE), Image("l2", 0.7f, 0xFFF2C4CF)];
    private static readonly PreferenceImage[] Disliked = [Image("d1", 0.2f, 0xFFCCFF00), Image("d2", 0.1f, 0xFFCCFF01)];

    [Fact]
    public async Task PredictProfileAsync_SendsLikedThenDislikedImages_KeepsTheVlmTermsAndTheMeasuredWeights()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: taste profile", VlmReply.Json(Profile));
        using var harness = new VlmHarness(server, miniLm.Encoder);
        var judge = harness.Get<IPreferenceJudge>();

        var profile = await judge.PredictProfileAsync("alice", Liked, Disliked, DateTimeOffset.UnixEpoch);

        var request = Assert.Single(server.Requests);
        Assert.Equal(4, request.Images.Count);
        Assert.Contains("\"liked\": 2", request.UserText, StringComparison.Ordinal);
        Assert.Contains("<data>", request.UserText, StringComparison.Ordinal);
        var color = profile.Dimensions.Single(d => d.Dimension == PreferenceDimension.Color);
        Assert.Equal(["blush pink", "sage"], color.Likes);
        Assert.Equal(["electric lime"], color.Dislikes);
        Assert.True(color.Weight > 0);
        Assert.Contains("test-vlm", profile.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_SameImageChosenInBothOrders_IsConsistentWithThreeStagesInTheTrace()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: taste profile", VlmReply.Json(Profile));

        // "hash-a" < "hash-b": a is shown first, then the order is swapped. Both times the model picks a.
        server.OnTask("Task: preference assessment", VlmReply.Json(Assessment(8, 2)), VlmReply.Json(Assessment(2, 8)));
        server.OnTask("Task: preference decision", VlmReply.Json(Decision("A")), VlmReply.Json(Decision("B")));
        using var harness = new VlmHarness(server, miniLm.Encoder);
        var judge = harness.Get<IPreferenceJudge>();
        var profile = await judge.PredictProfileAsync("alice", Liked, Disliked, DateTimeOffset.UnixEpoch);

        var verdict = await judge.JudgeAsync(profile, Image("a", 0.75f, 0xFFF0C0C0), Image("b", 0.15f, 0xFFC0F000));

        Assert.Equal("A", verdict.Preferred);
        Assert.True(verdict.Consistent);
        Assert.Equal(0.8, verdict.Confidence, 3);
        Assert.All(verdict.Dimensions, d => Assert.Equal(0.8, d.ScoreA, 3));
        Assert.All(verdict.Dimensions, d => Assert.Equal(0.2, d.ScoreB, 3));
        Assert.Contains(verdict.Stages!, s => s.StartsWith("profile:", StringComparison.Ordinal));
        Assert.Contains(verdict.Stages!, s => s.StartsWith("assessment", StringComparison.Ordinal));
        Assert.Contains(verdict.Stages!, s => s == "consistent when swapped");
        var assessments = server.Requests.Where(r => r.SystemPrompt.Contains("Task: preference assessment", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, assessments.Count);
        Assert.All(assessments, r => Assert.Equal(2, r.Images.Count));
        Assert.NotEqual(assessments[0].Images[0], assessments[1].Images[0]);
        Assert.Contains("blush pink", assessments[0].UserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_AnswerFollowsThePosition_IsReportedInconsistentAndDecidedByTheScores()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: taste profile", VlmReply.Json(Profile));
        server.OnTask("Task: preference assessment", VlmReply.Json(Assessment(3, 6)), VlmReply.Json(Assessment(6, 3)));
        server.OnTask("Task: preference decision", VlmReply.Json(Decision("A")), VlmReply.Json(Decision("A")));
        using var harness = new VlmHarness(server, miniLm.Encoder);
        var judge = harness.Get<IPreferenceJudge>();
        var profile = await judge.PredictProfileAsync("alice", Liked, Disliked, DateTimeOffset.UnixEpoch);

        var verdict = await judge.JudgeAsync(profile, Image("a", 0.75f, 0xFFF0C0C0), Image("b", 0.15f, 0xFFC0F000));

        Assert.False(verdict.Consistent);
        Assert.Equal("B", verdict.Preferred); // b scored 6 in both orders, a 3
        Assert.Equal(0.5, verdict.Confidence, 3);
        Assert.Contains(verdict.Stages!, s => s.StartsWith("INCONSISTENT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JudgeAsync_MalformedDecisionTwice_FallsBackToTheOfflineJudge()
    {
        await using var server = await FakeVlmServer.StartAsync();
        server.OnTask("Task: taste profile", VlmReply.Json(Profile));
        server.OnTask("Task: preference assessment", VlmReply.Json(Assessment(8, 2)));
        server.OnTask("Task: preference decision", VlmReply.Json("{\"preferred\": \"neither\"}"));
        using var harness = new VlmHarness(server, miniLm.Encoder);
        var judge = harness.Get<IPreferenceJudge>();
        var profile = await judge.PredictProfileAsync("alice", Liked, Disliked, DateTimeOffset.UnixEpoch);

        var verdict = await judge.JudgeAsync(profile, Image("a", 0.75f, 0xFFF0C0C0), Image("b", 0.15f, 0xFFC0F000));

        Assert.StartsWith("offline fallback (malformed answer after a repair request", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal("A", verdict.Preferred); // the offline model: a sits on the liked side
        Assert.Equal(OfflinePreferenceModel.Version, verdict.Judge);
    }
}
