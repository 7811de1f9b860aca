using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;

namespace Personalization.Azure.Handlers;

/// <summary>
/// The checks every request message gets before its own (bulk, preference): its size, that it is a JSON object of
/// the request's shape, and its owner. A failure is a one-line reason for the poison queue or a 400. Pure; thread-safe.
/// </summary>
internal static class RequestMessages
{
    /// <param name="kind">What the request is, for the reason: "bulk request".</param>
    /// <param name="oversizedHint">Appended to the oversized reason, e.g. what to send instead.</param>
    public static bool TryRead<TMessage>(
        string text, int maxBytes, string kind, string? oversizedHint, Func<TMessage, string?> ownerOf,
        [NotNullWhen(true)] out TMessage? message, out OwnerId owner, out string reason)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(text);
        message = null;
        owner = default;
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > maxBytes)
        {
            reason = $"oversized: {bytes} bytes, the limit is {maxBytes}{oversizedHint}";
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize<TMessage>(text, StorageJson.Messages);
        }
        catch (JsonException e)
        {
            reason = $"malformed: not a {kind} JSON object ({e.Message})";
            return false;
        }

        if (message is null)
        {
            reason = "malformed: empty message";
            return false;
        }

        if (!OwnerId.TryParse(ownerOf(message), out owner, out var error))
        {
            reason = $"malformed: {error}";
            return false;
        }

        reason = string.Empty;
        return true;
    }
}
