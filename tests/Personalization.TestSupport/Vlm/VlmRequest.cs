using System.Text.Json;

namespace Personalization.TestSupport.Vlm;

/// <summary>A request <see cref="FakeVlmServer"/> received, with the parts tests assert on.</summary>
public sealed record VlmRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    private JsonElement Root => JsonDocument.Parse(Body).RootElement;

    /// <summary>True for Ollama's <c>/api/chat</c>, false for OpenAI's chat completions.</summary>
    public bool IsOllama => Path.EndsWith("/api/chat", StringComparison.Ordinal);

    public string Model => Root.TryGetProperty("model", out var m) ? m.GetString() ?? string.Empty : string.Empty;

    public IReadOnlyList<JsonElement> Messages => [.. Root.GetProperty("messages").EnumerateArray()];

    public string SystemPrompt => string.Join("\n", Messages.Where(m => m.GetProperty("role").GetString() == "system").Select(Text));

    /// <summary>All user and assistant text, in order.</summary>
    public string ConversationText => string.Join("\n", Messages.Where(m => m.GetProperty("role").GetString() != "system").Select(Text));

    /// <summary>The first user message's text.</summary>
    public string UserText => Text(Messages.First(m => m.GetProperty("role").GetString() == "user"));

    public int MessageCount => Messages.Count;

    /// <summary>Images attached to user messages: OpenAI <c>image_url</c> parts, or Ollama <c>images</c>.</summary>
    public IReadOnlyList<string> Images => [.. Messages.SelectMany(ImagesOf)];

    public bool RequestedLogProbs => Root.TryGetProperty("logprobs", out var l) && l.ValueKind == JsonValueKind.True;

    public int? TopLogProbs => Root.TryGetProperty("top_logprobs", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : null;

    public double? Temperature =>
        Root.TryGetProperty("temperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble()
        : Root.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Object && o.TryGetProperty("temperature", out var ot) ? ot.GetDouble()
        : null;

    /// <summary>OpenAI's <c>response_format.type</c>, or Ollama's <c>format</c>.</summary>
    public string? ResponseFormat =>
        Root.TryGetProperty("response_format", out var f) ? f.GetProperty("type").GetString()
        : Root.TryGetProperty("format", out var g) ? g.ToString()
        : null;

    private static string Text(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString() ?? string.Empty
            : string.Join("\n", content.EnumerateArray().Where(p => p.GetProperty("type").GetString() == "text").Select(p => p.GetProperty("text").GetString()));
    }

    private static IEnumerable<string> ImagesOf(JsonElement message)
    {
        if (message.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array)
        {
            foreach (var i in images.EnumerateArray())
            {
                yield return "data:image/jpeg;base64," + i.GetString();
            }
        }

        if (message.GetProperty("content") is { ValueKind: JsonValueKind.Array } parts)
        {
            foreach (var p in parts.EnumerateArray().Where(p => p.GetProperty("type").GetString() == "image_url"))
            {
                yield return p.GetProperty("image_url").GetProperty("url").GetString()!;
            }
        }
    }
}
