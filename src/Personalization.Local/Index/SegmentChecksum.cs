using System.Buffers;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Personalization.Local.Index;

/// <summary>The checksum of a segment file's bytes, read back in chunks (every segment format version uses it).</summary>
internal static class SegmentChecksum
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>Appends the file's bytes [<paramref name="from"/>, <paramref name="end"/>) to <paramref name="hash"/>; a file
    /// shorter than that throws <see cref="EndOfStreamException"/>.</summary>
    public static void Append(XxHash3 hash, SafeFileHandle file, long from, long end, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (var at = from; at < end;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(ChunkBytes, end - at)), at);
                if (read == 0)
                {
                    throw new EndOfStreamException();
                }

                hash.Append(buffer.AsSpan(0, read));
                at += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether the checksum came out as <paramref name="expected"/>; a file that shrank meanwhile does not match.</summary>
    public static async Task<bool> Matches(Task<ulong> checking, ulong expected)
    {
        try
        {
            return await checking.ConfigureAwait(false) == expected;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}
