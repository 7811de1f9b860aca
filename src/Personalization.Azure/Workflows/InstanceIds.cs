using System.Security.Cryptography;
using System.Text;
using Personalization.Core.Domain;

namespace Personalization.Azure.Workflows;

/// <summary>
/// The instance ids of every job, for every starter (upload, HTTP, bulk, preference; the cloud and <c>personalize serve</c>):
/// <c>{owner}~{kind}-{hash}</c>, derived from the work so that the same work gets the same id (a redelivered event or
/// message starts nothing new). The owner prefix is what ownership is decided by: '~' is not allowed in an owner id, so
/// the prefix cannot be forged by another owner's id, and sub-orchestrations (the id plus a suffix) keep it. Pure; thread-safe.
/// </summary>
public static class InstanceIds
{
    private const char OwnerSeparator = '~';

    /// <summary>The recognition of an upload: the same owner, path and bytes give the same id.</summary>
    public static string Recognition(OwnerId owner, string path, string contentHash) =>
        Of(owner, "recognize", $"{owner}\n{path}\n{contentHash}");

    /// <summary>A bulk request: the same message text gives the same id.</summary>
    public static string Bulk(OwnerId owner, string messageText) => Of(owner, "bulk", $"{owner}\n{messageText}");

    /// <summary>A preference request: one instance per owner and request id.</summary>
    public static string Preference(OwnerId owner, string requestId) => Of(owner, "prefer", $"{owner}\n{requestId}");

    /// <summary>The owner an instance id was made for, or null when it is not one of ours.</summary>
    public static OwnerId? OwnerOf(string? instanceId)
    {
        var separator = instanceId?.IndexOf(OwnerSeparator, StringComparison.Ordinal) ?? -1;
        return separator > 0 && OwnerId.TryParse(instanceId![..separator], out var owner, out _) ? owner : null;
    }

    /// <summary>True when the instance (or a sub-orchestration of it) was started for <paramref name="owner"/>.</summary>
    public static bool BelongsTo(string? instanceId, OwnerId owner) => OwnerOf(instanceId) == owner;

    private static string Of(OwnerId owner, string kind, string work) =>
        $"{owner}{OwnerSeparator}{kind}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(work)))[..40]}";
}
