using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// One segment of an owner's concept index: the concepts one write added, written once and never changed. Layout
/// (little-endian): a 64-byte header (magic <c>PZCSEG01</c>, version 1, concept count, metadata bytes, float count,
/// XxHash3 of everything after the header, the first image vector's length), then the concepts as JSON with their vectors
/// left out (<see cref="ConceptVectors"/>) and each vector's length, then, from the next 64-byte boundary, every vector as
/// float32 in that order. Read, the vectors are not copied: the file is mapped and each vector is a view into it
/// (<see cref="MappedVectors"/>), after every byte was checked against the checksum. A file that is short, of another kind or whose checksum is not the one written (or the one
/// the manifest expects) is damaged: reading it throws <see cref="InvalidDataException"/> naming the file.
/// </summary>
internal static class ConceptSegmentFile
{
    private const int HeaderBytes = 64;
    private const int Version = 1;
    private const int ChunkBytes = 1 << 20;
    private static readonly byte[] Magic = "PZCSEG01"u8.ToArray();

    /// <summary>Writes the segment (a new file: the name must be unused) and flushes it to disk.</summary>
    /// <returns>Its float count and checksum, for the manifest.</returns>
    public static async Task<(long Floats, ulong Checksum)> WriteAsync(string file, IReadOnlyList<Concept> concepts, CancellationToken cancellationToken)
    {
        var entries = concepts.Select(c => new SegmentEntry(ConceptVectors.Strip(c), [.. ConceptVectors.Of(c).Select(v => v.Length)])).ToList();
        var metadata = JsonSerializer.SerializeToUtf8Bytes(entries, ConceptIndexFile.Json);
        var floats = entries.Sum(e => e.Lengths.Sum(l => (long)l));
        var hash = new XxHash3();
        var padding = new byte[Align(metadata.Length) - metadata.Length];
        hash.Append(metadata);
        hash.Append(padding);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            await using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true);
            stream.SetLength(HeaderBytes + Align(metadata.Length) + (floats * sizeof(float)));
            stream.Position = HeaderBytes;
            await stream.WriteAsync(metadata, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(padding, cancellationToken).ConfigureAwait(false);
            var filled = 0;
            foreach (var vector in concepts.SelectMany(ConceptVectors.Of))
            {
                for (var done = 0; done < vector.Length * sizeof(float);)
                {
                    var n = CopyOut(vector, done, buffer.AsSpan(filled, ChunkBytes - filled));
                    (done, filled) = (done + n, filled + n);
                    if (filled == ChunkBytes)
                    {
                        hash.Append(buffer.AsSpan(0, filled));
                        await stream.WriteAsync(buffer.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
                        filled = 0;
                    }
                }
            }

            hash.Append(buffer.AsSpan(0, filled));
            await stream.WriteAsync(buffer.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
            var checksum = hash.GetCurrentHashAsUInt64();
            var header = Header(concepts.Count, metadata.Length, floats, checksum, concepts.Count > 0 ? concepts[0].AllRegions.FirstOrDefault()?.ImageVector.Length ?? 0 : 0);
            stream.Position = 0;
            await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            return (floats, checksum);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the segment's concepts, checking them against what the manifest says it holds.</summary>
    public static async Task<List<Concept>> ReadAsync(string file, OwnerId owner, long expectedFloats, ulong expectedChecksum, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 0, useAsync: true);
        var header = new byte[HeaderBytes];
        await stream.ReadAtLeastAsync(header, HeaderBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var (count, metadataBytes, floats, checksum) = ParseHeader(file, header, stream.Length);
        if (floats != expectedFloats || checksum != expectedChecksum)
        {
            throw ConceptIndexFile.DamagedStore(file, "it is not the segment the manifest names (another float count or checksum)");
        }

        var hash = new XxHash3();
        var metadata = new byte[Align((int)metadataBytes)];
        await stream.ReadExactlyAsync(metadata, cancellationToken).ConfigureAwait(false);
        hash.Append(metadata);
        List<SegmentEntry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<SegmentEntry>>(metadata.AsSpan(0, (int)metadataBytes), ConceptIndexFile.Json);
        }
        catch (Exception e) when (e is JsonException or InvalidNameException)
        {
            throw ConceptIndexFile.DamagedStore(file, ConceptIndexFile.OneLine(e.Message), e);
        }

        if (entries is null || entries.Count != count || entries.Any(e => e is null || e.Concept is null || e.Lengths is null || e.Lengths.Any(l => l < 0))
            || entries.Sum(e => e.Lengths.Sum(l => (long)l)) != floats)
        {
            throw ConceptIndexFile.DamagedStore(file, "its concepts do not match its header");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if ((ConceptIndexFile.Flaw(entries[i].Concept, owner) ?? (ConceptVectors.Of(entries[i].Concept).Count() != entries[i].Lengths.Length ? "its vectors do not match its shape" : null)) is { } flaw)
            {
                throw ConceptIndexFile.DamagedStore(file, $"concept {i}: {flaw}");
            }
        }

        // Every byte is read once, through one small buffer, for the checksum; the vectors are then mapped, not copied:
        // the concepts' vectors are views into the file (the kernel reads their pages when a search first touches them).
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (var left = floats * sizeof(float); left > 0;)
            {
                var read = (int)Math.Min(left, ChunkBytes);
                await stream.ReadExactlyAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                hash.Append(buffer.AsSpan(0, read));
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (hash.GetCurrentHashAsUInt64() != checksum)
        {
            throw ConceptIndexFile.DamagedStore(file, "its checksum does not match its content");
        }

        int[] lengths = [.. entries.SelectMany(e => e.Lengths)];
        var vectors = floats == 0 ? new ReadOnlyMemory<float>[lengths.Length] : Views(SegmentMapping.Map(stream), HeaderBytes + Align((int)metadataBytes), lengths);
        var next = 0;
        return [.. entries.Select(e => ConceptVectors.Fill(e.Concept, _ => vectors[next++]))];
    }

    /// <summary>
    /// Each vector of the file's float area, in order, as a view of the mapping: runs of whole vectors, each under 2^31
    /// floats (what one <see cref="MappedVectors"/> spans), sliced.
    /// </summary>
    private static ReadOnlyMemory<float>[] Views(SegmentMapping mapping, long floatStart, int[] lengths)
    {
        var views = new ReadOnlyMemory<float>[lengths.Length];
        var (runStart, runFloats, at) = (0, 0L, floatStart);
        for (var i = 0; i <= lengths.Length; i++)
        {
            if (i < lengths.Length && runFloats + lengths[i] <= int.MaxValue)
            {
                runFloats += lengths[i];
                continue;
            }

            var run = new MappedVectors(mapping, at, (int)runFloats).Memory;
            for (var (v, offset) = (runStart, 0); v < i; offset += lengths[v++])
            {
                views[v] = run.Slice(offset, lengths[v]);
            }

            (runStart, at, runFloats) = (i, at + (runFloats * sizeof(float)), i < lengths.Length ? lengths[i] : 0);
        }

        return views;
    }

    private static int Align(int bytes) => (bytes + HeaderBytes - 1) / HeaderBytes * HeaderBytes;

    private static int CopyOut(ReadOnlyMemory<float> vector, int byteOffset, Span<byte> into)
    {
        var bytes = MemoryMarshal.AsBytes(vector.Span)[byteOffset..];
        var n = Math.Min(bytes.Length, into.Length);
        bytes[..n].CopyTo(into);
        return n;
    }

    private static byte[] Header(int count, int metadataBytes, long floats, ulong checksum, int imageDimension)
    {
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), count);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), metadataBytes);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), floats);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), checksum);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), imageDimension);
        return header;
    }

    private static (int Count, long MetadataBytes, long Floats, ulong Checksum) ParseHeader(string file, byte[] header, long length)
    {
        if (length < HeaderBytes || !header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw ConceptIndexFile.DamagedStore(file, "it is not a concept segment");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        var count = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        var metadataBytes = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
        var floats = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(24));
        if (version != Version)
        {
            throw ConceptIndexFile.DamagedStore(file, $"version {version}, this build reads version {Version}");
        }

        if (count < 0 || metadataBytes is < 0 or > int.MaxValue - HeaderBytes || floats < 0
            || HeaderBytes + Align((int)metadataBytes) + (floats * sizeof(float)) != length)
        {
            throw ConceptIndexFile.DamagedStore(file, "it is truncated or its header is wrong");
        }

        return (count, metadataBytes, floats, BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(32)));
    }

    /// <summary>A concept without its vectors, and the length of each, in <see cref="ConceptVectors.Of"/> order.</summary>
    private sealed record SegmentEntry(Concept Concept, int[] Lengths);
}
