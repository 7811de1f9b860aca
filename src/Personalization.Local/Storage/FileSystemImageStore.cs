using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Local.Storage;

/// <summary>
/// Image bytes under <c>{LocalData:Directory}/images/{owner}/{hash}</c>, written once (content-addressed) and
/// atomically (temporary file, then rename), so a concurrent reader sees all or nothing. Enrolment puts photos under
/// the owner's lock, where <see cref="OrphanSweeper"/> also runs, so a photo about to be referenced is never swept.
/// Thread-safe.
/// </summary>
internal sealed class FileSystemImageStore(IOptions<LocalDataOptions> options) : IImageStore
{
    private readonly OwnerDataPaths _paths = new(options.Value.Directory);

    public async Task PutAsync(OwnerId owner, string contentHash, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var path = PathOf(owner, contentHash);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<ReadOnlyMemory<byte>?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default)
    {
        var path = PathOf(owner, contentHash);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> DeleteAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default)
    {
        var path = PathOf(owner, contentHash);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    private string PathOf(OwnerId owner, string contentHash)
    {
        // The hash becomes a file name: accept only what a SHA-256 hex digest can be.
        if (contentHash.Length is 0 or > 128 || !contentHash.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{contentHash}' is not a content hash", nameof(contentHash));
        }

        return Path.Combine(_paths.ImagesDirectory(owner), contentHash.ToLowerInvariant());
    }
}
