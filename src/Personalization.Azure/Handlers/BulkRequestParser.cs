using Personalization.Azure.Storage;
using Personalization.Core.Domain;

namespace Personalization.Azure.Handlers;

/// <summary>Validates a bulk request message; a bad one gets a reason instead of a retry. Pure; thread-safe.</summary>
public static class BulkRequestParser
{
    public sealed record Parsed(OwnerId Owner, string? Prefix, IReadOnlyList<string>? Blobs);

    public static bool TryParse(string text, BulkOptions options, out Parsed? request, out string reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        request = null;
        if (!RequestMessages.TryRead<BulkRequestMessage>(
            text, options.MaxMessageBytes, "bulk request", "; name a prefix instead of a long list", m => m.Owner, out var message, out var owner, out reason))
        {
            return false;
        }

        if ((message.Prefix is null) == (message.Blobs is null))
        {
            reason = "malformed: give either \"prefix\" or \"blobs\", not both or neither";
            return false;
        }

        if (message.Blobs is { } blobs)
        {
            if (blobs.Count == 0 || blobs.Count > options.MaxItems)
            {
                reason = $"malformed: \"blobs\" must list 1 to {options.MaxItems} paths";
                return false;
            }

            foreach (var path in blobs)
            {
                if (!BlobPaths.TryParseImage($"{owner}/{path}", out _, out _, out var error))
                {
                    reason = $"malformed: {error}";
                    return false;
                }
            }
        }

        if (message.Prefix is { } prefix && (prefix.Contains("..", StringComparison.Ordinal) || prefix.StartsWith('/')))
        {
            reason = "malformed: the prefix must be a relative path under the owner's images";
            return false;
        }

        // A path named twice is one item: recognising it twice in one job would start the same instance twice.
        request = new Parsed(owner, message.Prefix, message.Blobs?.Distinct(StringComparer.Ordinal).ToList());
        reason = string.Empty;
        return true;
    }
}
