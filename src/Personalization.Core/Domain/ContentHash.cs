using System.Security.Cryptography;

namespace Personalization.Core.Domain;

/// <summary>
/// An image's content hash: SHA-256 of the file's bytes, lower-case hex. The idempotency key of every path (analyses,
/// reference photos, instance ids, feedback's "is this still the photo that was recognised"), computed here only.
/// </summary>
public static class ContentHash
{
    /// <summary>The length of a content hash: 64 hex digits.</summary>
    public const int Length = 64;

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Whether <paramref name="bytes"/> are the ones <paramref name="expected"/> was computed from (case-insensitive).</summary>
    public static bool Matches(ReadOnlySpan<byte> bytes, string? expected) =>
        expected is not null && string.Equals(Of(bytes), expected, StringComparison.OrdinalIgnoreCase);
}
