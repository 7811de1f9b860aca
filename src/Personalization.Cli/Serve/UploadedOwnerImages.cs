using Personalization.Azure.Workflows;
using Personalization.Core.Domain;

namespace Personalization.Cli.Serve;

/// <summary><c>serve</c>'s <see cref="IOwnerImages"/>: the photos the owner submitted, in the data folder's uploads. Thread-safe.</summary>
internal sealed class UploadedOwnerImages(ServeDataPaths paths) : IOwnerImages
{
    public async Task<(ReadOnlyMemory<byte>? Bytes, string? Error)> ReadAsync(OwnerId owner, string path, CancellationToken cancellationToken = default)
    {
        if (!Azure.Http.RouteImagePath.TryParse(owner.Value, path, out _, out var checkedPath, out var error))
        {
            return (null, error);
        }

        return await AtomicFile.ReadAsync(paths.Upload(owner, checkedPath), cancellationToken).ConfigureAwait(false) is { } bytes
            ? (bytes, null)
            : (null, "photo not found (submit it first: POST owners/{owner}/images/{path})");
    }
}
