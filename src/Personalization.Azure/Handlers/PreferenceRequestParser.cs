using System.Text;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;

namespace Personalization.Azure.Handlers;

/// <summary>Validates a preference request message; a bad one gets a reason instead of a retry. Pure; thread-safe.</summary>
public static class PreferenceRequestParser
{
    private const int MaxRequestIdLength = 64;

    public static bool TryParse(string text, PreferenceRequestOptions options, out PreferenceRequest? request, out string reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        request = null;
        if (!RequestMessages.TryRead<PreferenceRequestMessage>(text, options.MaxMessageBytes, "preference request", null, m => m.Owner, out var message, out var owner, out reason))
        {
            return false;
        }

        var requestId = message.RequestId ?? Core.Domain.ContentHash.Of(Encoding.UTF8.GetBytes(text))[..16];
        if (!IsValidRequestId(requestId))
        {
            reason = $"malformed: request_id must be 1 to {MaxRequestIdLength} letters, digits, '-', '_' or '.', not starting with '.'";
            return false;
        }

        var liked = message.Liked ?? [];
        var disliked = message.Disliked ?? [];
        if (liked.Count + disliked.Count > options.MaxReferences)
        {
            reason = $"malformed: at most {options.MaxReferences} liked and disliked images in all";
            return false;
        }

        if (message.Pairs is not { Count: > 0 } pairs || pairs.Count > options.MaxPairs)
        {
            reason = $"malformed: \"pairs\" must list 1 to {options.MaxPairs} pairs of images";
            return false;
        }

        if (pairs.Any(p => p is null || p.A is null || p.B is null))
        {
            reason = "malformed: every pair needs \"a\" and \"b\"";
            return false;
        }

        foreach (var path in liked.Concat(disliked).Concat(pairs.SelectMany(p => new[] { p.A!, p.B! })))
        {
            if (path is null)
            {
                reason = "malformed: an image path is null";
                return false;
            }

            if (!BlobPaths.TryParseImage($"{owner}/{path}", out _, out _, out var error))
            {
                reason = $"malformed: {error}";
                return false;
            }
        }

        request = new PreferenceRequest(owner, requestId, liked, disliked, [.. pairs.Select(p => new CandidatePair(p.A!, p.B!))]);
        reason = string.Empty;
        return true;
    }

    /// <summary>1 to 64 letters, digits, '-', '_' or '.', not starting with '.': safe as a blob name segment.</summary>
    public static bool IsValidRequestId(string id) =>
        id is not null && id.Length is > 0 and <= MaxRequestIdLength && id[0] != '.' && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
