using System.Text;
using Personalization.Azure.Http;
using Personalization.Core.Domain;

namespace Personalization.Cli.Serve;

/// <summary><c>serve</c>'s <see cref="IUploadedPhotos"/>: the files <see cref="ServeDataPaths"/> names. Thread-safe.</summary>
internal sealed class FileUploadedPhotos(ServeDataPaths paths) : IUploadedPhotos
{
    public async Task<ReadOnlyMemory<byte>?> ReadPhotoAsync(OwnerId owner, string path, CancellationToken cancellationToken = default)
    {
        // Spelled out: a null byte[] would convert to an empty (not a missing) ReadOnlyMemory.
        if (await AtomicFile.ReadAsync(paths.Upload(owner, path), cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return null;
        }

        return bytes;
    }

    public async Task<string?> ReadResultAsync(OwnerId owner, string path, CancellationToken cancellationToken = default) =>
        await AtomicFile.ReadAsync(paths.Result(owner, path), cancellationToken).ConfigureAwait(false) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
}
