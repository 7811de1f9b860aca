using System.Buffers;
using System.IO.Hashing;

namespace Personalization.Local.Index;

/// <summary>
/// Writes a segment file's body (everything after its header) in order through one 1 MiB buffer, hashing what it
/// writes (XxHash3, the segment's checksum). Owns the buffer, not the stream.
/// </summary>
internal sealed class SegmentWriter(FileStream stream) : IDisposable
{
    private const int ChunkBytes = 1 << 20;
    private readonly XxHash3 _hash = new();
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private int _filled;

    /// <summary>Copies bytes from <paramref name="offset"/> of a source into <paramref name="into"/>; returns how many.</summary>
    public delegate int CopyAt(long offset, Span<byte> into);

    /// <summary>Where the next byte goes in the file.</summary>
    public long Position { get; private set; } = stream.Position;

    public ulong Checksum => _hash.GetCurrentHashAsUInt64();

    /// <summary>Writes <paramref name="total"/> bytes that <paramref name="copy"/> gives, chunk by chunk.</summary>
    public async Task WriteAsync(long total, CopyAt copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(SegmentWriter));
        for (long done = 0; done < total;)
        {
            var n = copy(done, buffer.AsSpan(_filled, (int)Math.Min(ChunkBytes - _filled, total - done)));
            (done, _filled) = (done + n, _filled + n);
            if (_filled == ChunkBytes)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        Position += total;
    }

    public Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return WriteAsync(bytes.Length, (at, into) => Copy(bytes.AsSpan((int)at), into), cancellationToken);
    }

    /// <summary>Zeros up to <paramref name="position"/>.</summary>
    public Task PadToAsync(long position, CancellationToken cancellationToken) =>
        WriteAsync(position - Position, (_, into) =>
        {
            into.Clear();
            return into.Length;
        }, cancellationToken);

    /// <summary>Writes what is buffered.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(SegmentWriter));
        _hash.Append(buffer.AsSpan(0, _filled));
        await stream.WriteAsync(buffer.AsMemory(0, _filled), cancellationToken).ConfigureAwait(false);
        _filled = 0;
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>As much of <paramref name="from"/> as fits.</summary>
    public static int Copy(ReadOnlySpan<byte> from, Span<byte> into)
    {
        var n = Math.Min(from.Length, into.Length);
        from[..n].CopyTo(into);
        return n;
    }
}
