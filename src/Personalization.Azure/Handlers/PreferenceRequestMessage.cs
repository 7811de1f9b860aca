namespace Personalization.Azure.Handlers;

/// <summary>
/// A preference request as sent on the queue or posted to the API; paths are under <c>images/{owner}/</c>:
/// <c>{"owner": "alice", "request_id": "r1", "liked": ["l/1.jpg"], "disliked": ["d/1.jpg"], "pairs": [{"a": "c/1.jpg", "b": "c/2.jpg"}]}</c>.
/// With no <c>liked</c> images the owner's stored profile is used; with no <c>request_id</c> one is derived from the message.
/// </summary>
public sealed record PreferenceRequestMessage(string? Owner, string? RequestId, IReadOnlyList<string>? Liked, IReadOnlyList<string>? Disliked, IReadOnlyList<PairMessage>? Pairs);

public sealed record PairMessage(string? A, string? B);
