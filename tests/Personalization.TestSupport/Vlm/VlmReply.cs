namespace Personalization.TestSupport.Vlm;

/// <summary>One scripted answer of <see cref="FakeVlmServer"/>.</summary>
/// <param name="Content">The assistant message's text (for an error status: the body).</param>
/// <param name="Status">The HTTP status; 200 for an answer.</param>
/// <param name="Headers">Extra response headers, e.g. <c>Retry-After</c>.</param>
/// <param name="Delay">How long to wait before answering (for timeouts).</param>
/// <param name="LogProbs">Per answer token: the token, its log-probability and the top alternatives (OpenAI format only).</param>
public sealed record VlmReply(
    string Content,
    int Status = 200,
    IReadOnlyDictionary<string, string>? Headers = null,
    TimeSpan? Delay = null,
    IReadOnlyList<(string Token, double LogProb, IReadOnlyList<(string Token, double LogProb)> Top)>? LogProbs = null,
    string FinishReason = "stop")
{
    public static VlmReply Json(string content) => new(content);

    public static VlmReply TooManyRequests(string retryAfterSeconds) =>
        new("{\"error\":{\"message\":\"rate limited\",\"type\":\"rate_limit\"}}", 429, new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds });

    public static VlmReply TooManyRequestsMs(int milliseconds) =>
        new("{\"error\":{\"message\":\"rate limited\",\"type\":\"rate_limit\"}}", 429, new Dictionary<string, string> { ["retry-after-ms"] = milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static VlmReply Slow(string content, TimeSpan delay) => new(content, Delay: delay);

    /// <summary>A JSON Yes/No answer with log-probabilities on the answer token.</summary>
    public static VlmReply YesNo(bool yes, double yesLogProb, double noLogProb)
    {
        var word = yes ? "Yes" : "No";
        var chosen = yes ? yesLogProb : noLogProb;
        return new VlmReply(
            $"{{\"answer\": \"{word}\", \"evidence\": \"scripted\"}}",
            LogProbs:
            [
                ("{\"", -0.001, [("{\"", -0.001)]),
                ("answer", -0.001, [("answer", -0.001)]),
                ("\": \"", -0.001, [("\": \"", -0.001)]),
                (word, chosen, [("Yes", yesLogProb), ("No", noLogProb), ("Maybe", -9)]),
                ("\", ...", -0.01, [("\", ...", -0.01)]),
            ]);
    }
}
