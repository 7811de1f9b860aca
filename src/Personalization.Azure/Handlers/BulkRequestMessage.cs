namespace Personalization.Azure.Handlers;

/// <summary>
/// A bulk request as sent on the queue: <c>{"owner": "alice", "prefix": "trip/"}</c> or
/// <c>{"owner": "alice", "blobs": ["trip/1.jpg", "trip/2.jpg"]}</c>; paths are under <c>images/{owner}/</c>.
/// </summary>
public sealed record BulkRequestMessage(string? Owner, string? Prefix, IReadOnlyList<string>? Blobs);
