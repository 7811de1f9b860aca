using System.Collections.Concurrent;

namespace Personalization.Local.Storage;

/// <summary>
/// The exclusive right to change one owner's data, held by one writer at a time in this process (a semaphore per
/// lock file) and across processes (the lock file opened with <see cref="FileShare.None"/>: an advisory
/// <c>flock</c> on Unix, a sharing lock on Windows, released by the OS when the holder dies, even by kill -9).
/// Waiting is asynchronous and ends only when the lock is taken or the wait is cancelled: there is no time limit
/// after which a writer goes ahead without it. Dispose to release.
/// </summary>
internal sealed class OwnerLock : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LastRetry = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _gate;
    private readonly FileStream _file;

    private OwnerLock(SemaphoreSlim gate, FileStream file)
    {
        _gate = gate;
        _file = file;
    }

    /// <summary>Waits for the lock on <paramref name="lockFile"/> (created when missing; its folder must exist).</summary>
    public static async Task<OwnerLock> AcquireAsync(string lockFile, CancellationToken cancellationToken)
    {
        var gate = GateOf(lockFile);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var retry = FirstRetry;
            while (true)
            {
                if (TryOpen(lockFile) is { } file)
                {
                    return new OwnerLock(gate, file);
                }

                await Task.Delay(retry, cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Takes the lock only when nobody holds it now; null when somebody does.</summary>
    public static OwnerLock? TryAcquire(string lockFile)
    {
        var gate = GateOf(lockFile);
        if (!gate.Wait(0))
        {
            return null;
        }

        try
        {
            if (TryOpen(lockFile) is { } file)
            {
                return new OwnerLock(gate, file);
            }
        }
        catch
        {
            gate.Release();
            throw;
        }

        gate.Release();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _gate.Release();
    }

    private static SemaphoreSlim GateOf(string lockFile) => Gates.GetOrAdd(Path.GetFullPath(lockFile), _ => new SemaphoreSlim(1, 1));

    /// <returns>The open lock file, or null when another process holds it.</returns>
    private static FileStream? TryOpen(string lockFile)
    {
        try
        {
            return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or FileNotFoundException or PathTooLongException or DriveNotFoundException))
        {
            return null; // Held by another process (a sharing violation, or EWOULDBLOCK from flock).
        }
    }
}
