using System.Text.Json.Serialization;
using Personalization.Core.Domain;

namespace Personalization.Azure.Storage;

/// <summary>
/// The result JSON of an upload that could not be recognised (empty, corrupt, truncated, oversized, not an image):
/// written where its result would be, <c>results/{owner}/{path}.json</c>, so the uploader finds why instead of
/// waiting for a result that never comes. <c>concept</c> is <c>null</c> as in a "nothing found" result; the
/// <c>error</c> property says it failed.
/// </summary>
public sealed record FailedImageResult(string Image, string Owner, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Concept, string Stage, string Error)
{
    /// <summary>The <see cref="Stage"/> of a failed upload (a recognised one has <c>verification</c>, <c>pairwise</c> or <c>rejected</c>).</summary>
    public const string FailedStage = "failed";

    public static FailedImageResult For(OwnerId owner, string path, string error) => new(path, owner.Value, null, FailedStage, error);

    /// <summary>Writes it (overwriting: the latest upload at that path decides) and returns the blob name.</summary>
    public async Task<string> WriteAsync(StorageClients storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var name = BlobPaths.Result(OwnerId.Parse(Owner), Image);
        await StorageJson.UploadAsync(storage.Results, name, this, StorageJson.Documents, cancellationToken).ConfigureAwait(false);
        return name;
    }
}
