using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// A segment of the first format (version 1), read as it was and, for tests, written as it was: every concept's JSON is
/// parsed when the segment is read (<see cref="ConceptSegmentFile"/> writes version 2, with a directory, and reads
/// both; a compaction rewrites what it merges as version 2). Layout
/// (little-endian): a 64-byte header (magic <c>PZCSEG01</c>, version 1, concept count, metadata bytes, float count,
/// XxHash3 of everything after the header, the first image vector's length), then the concepts as JSON with their vectors
/// left out (<see cref="ConceptVectors"/>) and each vector's length, then, from the next 64-byte boundary, every vector as
/// float32 in that order. Read, the vectors are not copied: the file is mapped and each vector is a view into it
/// (<see cref="MappedVectors"/>); the concepts are handed out only once every byte matched the checksum. A file that is
/// short, of another kind or whose checksum is not the one written (or the one the manifest expects) is damaged:
/// reading it throws <see cref="InvalidDataException"/> naming the file.
/// </summary>
internal static class ConceptSegmentFileVersion1
{
    public const int Version = 1;
    private const int HeaderBytes = ConceptSegmentFile.HeaderBytes;

    /// <summary>Writes a version-1 segment (a new file: the name must be unused) and flushes it to disk; only tests write this format now.</summary>
    /// <returns>Its float count and checksum, for the manifest.</returns>
    public static async Task<(long Floats, ulong Checksum)> WriteAsync(string file, IReadOnlyList<Concept> concepts, CancellationToken cancellationToken)
    {
        var entries = concepts.Select(c => new SegmentEntry(ConceptVectors.Strip(c), [.. ConceptVectors.Of(c).Select(v => v.Length)])).ToList();
        var metadata = JsonSerializer.SerializeToUtf8Bytes(entries, ConceptIndexFile.Json);
        var floats = entries.Sum(e => e.Lengths.Sum(l => (long)l));
        var floatStart = HeaderBytes + Align(metadata.Length);
        await using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true);
        stream.SetLength(floatStart + (floats * sizeof(float)));
        stream.Position = HeaderBytes;
        using var writer = new SegmentWriter(stream);
        await writer.WriteAsync(metadata, cancellationToken).ConfigureAwait(false);
        await writer.PadToAsync(floatStart, cancellationToken).ConfigureAwait(false);
        foreach (var vector in concepts.SelectMany(ConceptVectors.Of))
        {
            await writer.WriteAsync((long)vector.Length * sizeof(float), (at, into) => SegmentWriter.Copy(MemoryMarshal.AsBytes(vector.Span)[(int)at..], into), cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        var checksum = writer.Checksum;
        var header = Header(concepts.Count, metadata.Length, floats, checksum, concepts.Count > 0 ? concepts[0].AllRegions.FirstOrDefault()?.ImageVector.Length ?? 0 : 0);
        stream.Position = 0;
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
        return (floats, checksum);
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

        var metadata = new byte[Align((int)metadataBytes)];
        await stream.ReadExactlyAsync(metadata, cancellationToken).ConfigureAwait(false);

        // The float area is read once, through one small buffer, for the checksum (with the metadata read above): on the
        // thread pool, while the concepts are parsed here. The vectors themselves are mapped, not copied.
        var checking = Task.Run(() => Checksum(stream.SafeFileHandle, metadata, floats * sizeof(float), cancellationToken), cancellationToken);
        List<Concept>? concepts = null;
        ExceptionDispatchInfo? damaged = null;
        try
        {
            concepts = Concepts(file, stream, owner, metadata.AsMemory(0, (int)metadataBytes), count, floats);
        }
        catch (InvalidDataException e)
        {
            damaged = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            // The file closes when this returns: the checksum's reads are over first, whatever happened here.
            await ((Task)checking).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // Content that does not match its checksum is reported as such, whatever else is wrong with it.
        if (!await SegmentChecksum.Matches(checking, checksum).ConfigureAwait(false))
        {
            throw ConceptIndexFile.DamagedStore(file, "its checksum does not match its content");
        }

        damaged?.Throw();
        return concepts!;
    }

    /// <summary>The concepts of the metadata, checked, with their vectors as views of the mapped file.</summary>
    private static List<Concept> Concepts(string file, FileStream stream, OwnerId owner, ReadOnlyMemory<byte> metadata, int count, long floats)
    {
        SegmentEntry?[] entries;
        try
        {
            entries = SegmentEntries.Parse(metadata);
        }
        catch (Exception e) when (e is JsonException or InvalidNameException)
        {
            throw ConceptIndexFile.DamagedStore(file, ConceptIndexFile.OneLine(e.Message), e);
        }

        if (entries.Length != count || entries.Any(e => e is null || e.Concept is null || e.Lengths is null || e.Lengths.Any(l => l < 0))
            || entries.Sum(e => e!.Lengths.Sum(l => (long)l)) != floats)
        {
            throw ConceptIndexFile.DamagedStore(file, "its concepts do not match its header");
        }

        // Checked and given their vectors on every core (a hundred thousand records at 100k vectors), each concept's vectors
        // starting where the ones before it end.
        var first = new int[entries.Length + 1];
        for (var i = 0; i < entries.Length; i++)
        {
            first[i + 1] = first[i] + entries[i]!.Lengths.Length;
        }

        int[] lengths = [.. entries.SelectMany(e => e!.Lengths)];
        var vectors = floats == 0 ? new ReadOnlyMemory<float>[lengths.Length] : ConceptSegmentFile.Views(SegmentMapping.Map(stream), HeaderBytes + Align(metadata.Length), lengths);
        var flaws = new string?[entries.Length];
        var concepts = new Concept[entries.Length];
        var workers = entries.Length >= 1024 ? Environment.ProcessorCount : 1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            for (var i = (int)((long)entries.Length * w / workers); i < (int)((long)entries.Length * (w + 1) / workers); i++)
            {
                var (concept, shape) = (entries[i]!.Concept, entries[i]!.Lengths);
                flaws[i] = ConceptIndexFile.Flaw(concept, owner) ?? (ConceptVectors.Of(concept).Count() != shape.Length ? "its vectors do not match its shape" : null);
                var next = first[i];
                concepts[i] = flaws[i] is null ? ConceptVectors.Fill(concept, _ => vectors[next++]) : concept;
            }
        });

        var flawed = Array.FindIndex(flaws, f => f is not null);
        return flawed < 0 ? [.. concepts] : throw ConceptIndexFile.DamagedStore(file, $"concept {flawed}: {flaws[flawed]}");
    }

    /// <summary>XxHash3 of the metadata (padding included) and of the float area after it, read from the file.</summary>
    private static ulong Checksum(SafeFileHandle file, byte[] metadata, long floatBytes, CancellationToken cancellationToken)
    {
        var hash = new XxHash3();
        hash.Append(metadata);
        var from = HeaderBytes + metadata.Length;
        SegmentChecksum.Append(hash, file, from, from + floatBytes, cancellationToken);
        return hash.GetCurrentHashAsUInt64();
    }

    private static int Align(int bytes) => (int)ConceptSegmentFile.Align(bytes);

    private static byte[] Header(int count, int metadataBytes, long floats, ulong checksum, int imageDimension)
    {
        var header = new byte[HeaderBytes];
        ConceptSegmentFile.Magic.CopyTo(header, 0);
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
        if (length < HeaderBytes || !header.AsSpan(0, 8).SequenceEqual(ConceptSegmentFile.Magic))
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
}
