namespace Personalization.TestSupport.Vlm;

/// <summary>One scripted answer of <see cref="FakeVlmServer"/>.</summary>
/// <param name="Content">The assistant message's text (for an error status: the body).</param>
/// <param name="Status">The HTTP status; 200 for an answer.</param>
/// <param name="Headers">Extra response headers, e.g. <c>Retry-After</c>.</param>
/// <param name="Delay">How long to wait before answering (for timeouts).</param>
/// <param name="LogProbs">Per answer token: the token, its log-probability and the top alternatives (OpenAI format only).</param>
/// <param name="FinishReason">The answer's finish reason.</param>
/// <param name="Raw">True: <paramref name="Content"/> is the whole HTTP body whatever the status (a reply that is not a chat completion).</param>
/// <param name="TrickleDelay">When set, the headers go out at once and the body follows one byte per this interval.</param>
public sealed record VlmReply(
    string Content,
    int Status = 200,
    IReadOnlyDictionary<string, string>? Headers = null,
    TimeSpan? Delay = null,
    IReadOnlyList<(string Token, double LogProb, IReadOnlyList<(string Token, double LogProb)> Top)>? LogProbs = null,
    string FinishReason = "stop",
    bool Raw = false,
    TimeSpan? TrickleDelay = null)
{
    public static VlmReply Json(string content) => new(content);

    /// <summary>HTTP 200 with exactly this body: not json, empty, cut off, or a completion without choices.</summary>
    public static VlmReply RawBody(string body) => new(body, Raw: true);

    /// <summary>HTTP 200 whose headers come at once and whose chat-completion body trickles, one byte per <paramref name="perByte"/>.</summary>
    public static VlmReply Trickle(string content, TimeSpan perByte) => new(content, TrickleDelay: perByte);

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
