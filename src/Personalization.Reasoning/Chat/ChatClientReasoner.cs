using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Reasoning.Offline;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// The reasoning stages of docs/method.md with a real VLM behind <see cref="IChatClient"/>: fingerprints at
/// enrolment, attribute-focused reasoning, pairwise Yes/No with log-probabilities, best-of-N personalised
/// captions, and answers to questions. Each stage is one prompt (<see cref="ReasoningPrompts"/>) with a JSON
/// answer that is validated; a malformed answer is retried once with a repair instruction. When that fails too,
/// or the model is unreachable after the HTTP retries, or the run's budget is spent, or the image is missing,
/// that item is answered by the <see cref="OfflineReasoner"/> and its trace says so; any other failure
/// (a wrong key, an unknown model) propagates. Thread-safe; holds no per-request state.
/// </summary>
internal sealed partial class ChatClientReasoner(
    IChatClient chat,
    OfflineReasoner offline,
    IImageResizer resizer,
    IOptions<ReasoningOptions> options,
    ReasoningUsage usage,
    ILogger<ChatClientReasoner> logger) : IReasoner, IQuestionAnswerer
{
    private static readonly JsonSerializerOptions AnswerJson = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly ReasoningOptions _options = options.Value;

    public string Name => $"{_options.Provider}:{_options.ModelOrDeployment} (prompts {ReasoningPrompts.Version})";

    /// <summary>One stage's call: the prompt, the JSON answer parsed and validated, one repair round if needed.</summary>
    private async Task<(T Answer, ChatResponse Response)> AskAsync<T>(
        string stage, string system, IList<AIContent> user, ChatOptions chatOptions, Func<T, string?> problemOf, CancellationToken cancellationToken)
        where T : class
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, system), new(ChatRole.User, user) };
        var problem = string.Empty;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var start = Stopwatch.GetTimestamp();
            var response = await chat.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
            usage.RecordCall(stage, Stopwatch.GetElapsedTime(start), response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
            var text = response.Text;
            var answer = Parse<T>(text, out problem);
            problem ??= answer is null ? "the reply is empty" : problemOf(answer);
            if (problem is null)
            {
                return (answer!, response);
            }

            if (response.FinishReason == ChatFinishReason.Length)
            {
                problem += " (the reply was cut off at the token limit: keep it shorter)";
            }

            Log.MalformedAnswer(logger, stage, attempt + 1, problem);
            messages.Add(new ChatMessage(ChatRole.Assistant, text.Length > 4000 ? text[..4000] : text));
            messages.Add(new ChatMessage(ChatRole.User, ReasoningPrompts.Repair(problem)));
        }

        throw new MalformedAnswerException(stage, problem);
    }

    /// <summary>Runs the VLM path of a stage; on a failure that concerns this item only, the offline path with the reason.</summary>
    private async Task<T> WithFallbackAsync<T>(string stage, Func<Task<T>> vlm, Func<string, Task<T>> fallback, CancellationToken cancellationToken)
    {
        try
        {
            return await vlm().ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && FallbackReason(e) is { } why)
        {
            usage.RecordFallback(stage);
            Log.FellBack(logger, stage, why);
            return await fallback(why).ConfigureAwait(false);
        }
    }

    /// <summary>Why an item may be answered offline; null for failures that must propagate.</summary>
    internal static string? FallbackReason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case MalformedAnswerException m:
                    return $"malformed answer after a repair request: {m.Problem}";
                case ReasoningBudgetExceededException b:
                    return b.Message;
                case ReasoningUnavailableException u:
                    return $"model unavailable: {u.Message}";
                case TimeoutException t:
                    return $"model unavailable: {t.Message}";
                case FileNotFoundException or InvalidDataException:
                    return $"no usable image: {e.Message}";
            }
        }

        return null;
    }

    private ChatOptions NewOptions(double? temperature = null) => new()
    {
        ResponseFormat = ChatResponseFormat.Json,
        Temperature = (float)(temperature ?? _options.Temperature),
        MaxOutputTokens = _options.MaxOutputTokens,
    };

    /// <summary>The image as the model gets it: an upright JPEG, resized (and cropped) as configured.</summary>
    private async Task<DataContent> PictureAsync(ImageSource? source, BoundingBox? crop, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            throw new FileNotFoundException("the request carries no image bytes");
        }

        var bytes = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        var jpeg = await resizer.ToJpegAsync(bytes, _options.ImageSize, crop, cancellationToken).ConfigureAwait(false);
        return new DataContent(jpeg, "image/jpeg");
    }

    /// <summary>Parses the first JSON object in the reply (models sometimes wrap it in a code fence or a sentence).</summary>
    internal static T? Parse<T>(string text, out string? problem)
        where T : class
    {
        problem = null;
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            problem = text.Length == 0 ? "the reply is empty" : "the reply holds no JSON object (it may have been cut off)";
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text.AsSpan(start, end - start + 1), AnswerJson);
        }
        catch (JsonException e)
        {
            problem = $"the JSON is malformed ({e.Message.Split('.')[0]})";
            return null;
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "VLM {Stage} answer {Attempt} unusable: {Problem}")]
        public static partial void MalformedAnswer(ILogger logger, string stage, int attempt, string problem);

        [LoggerMessage(2, LogLevel.Warning, "VLM {Stage} fell back to the offline reasoner for one item: {Reason}")]
        public static partial void FellBack(ILogger logger, string stage, string reason);

        [LoggerMessage(3, LogLevel.Debug, "caption candidate {Index}: reward {Reward:F2}, {Length} characters{Note}")]
        public static partial void CaptionCandidate(ILogger logger, int index, double reward, int length, string note);
    }
}
