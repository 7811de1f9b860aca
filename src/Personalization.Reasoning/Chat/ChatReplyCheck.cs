using System.Text;
using System.Text.Json;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// Checks that a successful HTTP reply is a chat completion in the provider's wire format before the provider SDK
/// parses it: OpenAI's and Azure OpenAI's <c>{"choices": [{"message": {…}}]}</c>, or Ollama's <c>/api/chat</c>
/// (one JSON object per line, each with a <c>message</c>, the last <c>"done": true</c>). A reply that is not (not
/// JSON, empty, cut off, no choices, an error object) is unusable: the HTTP policy treats it like a 5xx.
/// </summary>
internal static class ChatReplyCheck
{
    /// <summary>Null when the body is a usable chat completion; otherwise what is wrong with it, in a few words.</summary>
    public static string? Problem(string provider, ReadOnlySpan<byte> body)
    {
        if (body.Trim((byte)' ').Trim("\r\n\t"u8).IsEmpty)
        {
            return "the body is empty";
        }

        return provider == ReasoningProviders.Ollama ? OllamaProblem(body) : OpenAIProblem(body);
    }

    private static string? OpenAIProblem(ReadOnlySpan<byte> body)
    {
        if (Parse(body, out var problem) is not { } document)
        {
            return problem;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "the body is not a JSON object";
            }

            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                return "the body has no \"choices\" (not a chat completion)";
            }

            if (choices.GetArrayLength() == 0)
            {
                return "\"choices\" is empty";
            }

            var first = choices[0];
            return first.ValueKind != JsonValueKind.Object || !first.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
                ? "the first choice has no \"message\""
                : message.TryGetProperty("content", out var content) && content.ValueKind is not (JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Array)
                    ? "the message's \"content\" is not text"
                    : null;
        }
    }

    private static string? OllamaProblem(ReadOnlySpan<byte> body)
    {
        var lines = Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var done = false;
        foreach (var line in lines)
        {
            if (Parse(Encoding.UTF8.GetBytes(line), out var problem) is not { } document)
            {
                return problem;
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
                {
                    return "a line of the reply has no \"message\" (not a chat response)";
                }

                done = root.TryGetProperty("done", out var d) && d.ValueKind == JsonValueKind.True;
            }
        }

        return done ? null : "the reply never says \"done\": true (it was cut off)";
    }

    private static JsonDocument? Parse(ReadOnlySpan<byte> json, out string? problem)
    {
        problem = null;
        try
        {
            return JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException)
        {
            problem = json.IndexOfAnyExcept(" \r\n\t"u8) is var i && i >= 0 && json[i] is (byte)'{' or (byte)'['
                ? "the body is cut-off or malformed JSON"
                : "the body is not JSON";
            return null;
        }
    }
}
