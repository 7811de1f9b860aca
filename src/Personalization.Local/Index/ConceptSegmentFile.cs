using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// One segment of an owner's concept index: the concepts one write added, written once and never changed. Layout of
/// version 2 (little-endian): a 64-byte header (magic <c>PZCSEG01</c>, version, concept count, directory and JSON bytes,
/// float count, XxHash3 of everything after the header, the int8 rows' dimension, count and stats size); the binary
/// directory (<see cref="SegmentDirectory"/>: names, vector counts and lengths, where each concept's JSON lies); each
/// concept's JSON with its vectors left out (<see cref="ConceptVectors"/>); from the next 64-byte boundary every vector
/// as float32, grouped by kind (<see cref="SegmentVectorOrder"/>: the descriptions, then the region image vectors, then
/// the rest, so a scan reads contiguous pages); then, where every region image vector is finite and of one length, their int8 copy
/// (<see cref="QuantizedRows"/>: the rows from a 64-byte boundary, then their stats from the next), so a reader's
/// first search scans it at once instead of making it. Read, nothing is copied and no JSON is parsed: the file is
/// mapped, each vector is a view into it (<see cref="MappedVectors"/>), and each concept is a <see cref="StoredConcept"/>
/// whose record is parsed from its JSON when first asked for. The concepts are handed out only once every byte matched
/// the checksum. A file that is short, of another kind or whose checksum is not the one written (or the one the manifest
/// expects) is damaged: reading it throws <see cref="InvalidDataException"/> naming the file. Version 1 (no directory,
/// one JSON array, no int8 rows; <see cref="ConceptSegmentFileVersion1"/>) is still read, parsing every concept.
/// </summary>
internal static class ConceptSegmentFile
{
    public const int Version = 2;
    internal const int HeaderBytes = 64;

    /// <summary>The first 8 bytes of every segment, whatever its version.</summary>
    internal static readonly byte[] Magic = "PZCSEG01"u8.ToArray();

    /// <summary>Writes the segment (a new file: the name must be unused) and flushes it to disk.</summary>
    /// <returns>Its float count and checksum, for the manifest.</returns>
    public static async Task<(long Floats, ulong Checksum)> WriteAsync(string file, IReadOnlyList<Concept> concepts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        using var json = new MemoryStream();
        var ranges = new (int Start, int Length)[concepts.Count];
        for (var i = 0; i < concepts.Count; i++)
        {
            var start = (int)json.Position;
            JsonSerializer.Serialize(json, ConceptVectors.Strip(concepts[i]), ConceptIndexFile.Json);
            ranges[i] = (start, checked((int)json.Position - start));
        }

        var directory = SegmentDirectory.Write(concepts, ranges);
        var jsonBytes = json.ToArray();
        var floats = concepts.Sum(c => ConceptVectors.Of(c).Sum(v => (long)v.Length));
        var int8 = Int8Of(concepts);
        var layout = new SegmentLayout(directory.Length, jsonBytes.Length, floats, int8?.Dimension ?? 0, int8?.Count ?? 0);
        await using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true);
        stream.SetLength(layout.End);
        stream.Position = HeaderBytes;
        using var writer = new SegmentWriter(stream);
        await writer.WriteAsync(directory, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(jsonBytes, cancellationToken).ConfigureAwait(false);
        await writer.PadToAsync(layout.FloatStart, cancellationToken).ConfigureAwait(false);
        List<ReadOnlyMemory<float>> all = [.. concepts.SelectMany(ConceptVectors.Of)];
        foreach (var vector in SegmentVectorOrder.Of([.. concepts.Select(Shape)]).Select(v => all[v]))
        {
            await writer.WriteAsync((long)vector.Length * sizeof(float), (at, into) => SegmentWriter.Copy(MemoryMarshal.AsBytes(vector.Span)[(int)at..], into), cancellationToken).ConfigureAwait(false);
        }

        if (int8 is not null)
        {
            await writer.PadToAsync(layout.Int8Start, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(int8.DataBytes.Length, (at, into) => SegmentWriter.Copy(int8.DataBytes[(int)at..], into), cancellationToken).ConfigureAwait(false);
            await writer.PadToAsync(layout.StatsStart, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(int8.StatsData.Length, (at, into) => SegmentWriter.Copy(int8.StatsData[(int)at..], into), cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        var checksum = writer.Checksum;
        stream.Position = 0;
        await stream.WriteAsync(Header(concepts.Count, layout, checksum), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
        return (floats, checksum);
    }

    /// <summary>Reads the segment's concepts (in the order written), checking them against what the manifest says it holds.</summary>
    public static async Task<List<StoredConcept>> ReadAsync(string file, OwnerId owner, long expectedFloats, ulong expectedChecksum, CancellationToken cancellationToken)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 0, useAsync: true);
        var header = new byte[HeaderBytes];
        int version;
        await using (stream.ConfigureAwait(false))
        {
            await stream.ReadAtLeastAsync(header, HeaderBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (stream.Length < HeaderBytes || !header.AsSpan(0, 8).SequenceEqual(Magic))
            {
                throw ConceptIndexFile.DamagedStore(file, "it is not a concept segment");
            }

            version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
            if (version == Version)
            {
                return await ReadVersion2Async(file, stream, header, owner, expectedFloats, expectedChecksum, cancellationToken).ConfigureAwait(false);
            }
        }

        if (version == ConceptSegmentFileVersion1.Version)
        {
            return [.. (await ConceptSegmentFileVersion1.ReadAsync(file, owner, expectedFloats, expectedChecksum, cancellationToken).ConfigureAwait(false)).Select(StoredConcept.Of)];
        }

        throw ConceptIndexFile.DamagedStore(file, $"version {version}, this build reads versions {ConceptSegmentFileVersion1.Version} and {Version}");
    }

    /// <summary>
    /// Each vector of the file's float area, in order, as a view of the mapping: runs of whole vectors, each under 2^31
    /// floats (what one <see cref="MappedVectors"/> spans), sliced.
    /// </summary>
    /// <param name="maxRunFloats">The most floats one run spans (a test makes it small).</param>
    internal static ReadOnlyMemory<float>[] Views(SegmentMapping mapping, long floatStart, int[] lengths, int maxRunFloats = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(lengths);
        var views = new ReadOnlyMemory<float>[lengths.Length];
        var (runStart, runFloats, at) = (0, 0L, floatStart);
        for (var i = 0; i <= lengths.Length; i++)
        {
            if (i < lengths.Length && (runFloats + lengths[i] <= maxRunFloats || runFloats == 0))
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

    internal static long Align(long bytes) => (bytes + HeaderBytes - 1) / HeaderBytes * HeaderBytes;

    private static async Task<List<StoredConcept>> ReadVersion2Async(string file, FileStream stream, byte[] header, OwnerId owner, long expectedFloats, ulong expectedChecksum, CancellationToken cancellationToken)
    {
        var (count, layout, checksum) = ParseHeader(file, header, stream.Length);
        if (layout.Floats != expectedFloats || checksum != expectedChecksum)
        {
            throw ConceptIndexFile.DamagedStore(file, "it is not the segment the manifest names (another float count or checksum)");
        }

        // The whole body is read once, through one small buffer, for the checksum: on the thread pool, while the
        // directory is read here. Nothing else is read: the vectors, the JSON and the int8 rows are mapped.
        var checking = Task.Run(() => Checksum(stream.SafeFileHandle, layout.End, cancellationToken), cancellationToken);
        List<StoredConcept>? concepts = null;
        InvalidDataException? damaged = null;
        try
        {
            var directory = new byte[layout.DirectoryBytes];
            await stream.ReadExactlyAsync(directory, cancellationToken).ConfigureAwait(false);
            concepts = Concepts(file, stream, owner, directory, count, layout);
        }
        catch (InvalidDataException e)
        {
            damaged = e;
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

        return damaged is null ? concepts! : throw ConceptIndexFile.DamagedStore(file, ConceptIndexFile.OneLine(damaged.Message), damaged);
    }

    /// <summary>The directory's concepts, their vectors and int8 rows views of the mapped file, their records parsed when asked for.</summary>
    private static List<StoredConcept> Concepts(string file, FileStream stream, OwnerId owner, byte[] directory, int count, SegmentLayout layout)
    {
        var (entries, lengths) = SegmentDirectory.Read(directory, count, layout.JsonBytes, layout.Floats);
        var regions = entries.Sum(e => (long)e.Regions);
        if (layout.Int8Rows != 0 && layout.Int8Rows != regions)
        {
            throw new InvalidDataException($"it holds {layout.Int8Rows} int8 rows for {regions} regions");
        }

        var mapping = SegmentMapping.Map(stream);
        var order = SegmentVectorOrder.Of([.. entries.Select(e => (e.Fingerprints, e.Regions, e.Vectors))]);
        var vectors = new ReadOnlyMemory<float>[lengths.Length];
        if (layout.Floats > 0)
        {
            var stored = Views(mapping, layout.FloatStart, [.. order.Select(v => lengths[v])]);
            for (var i = 0; i < order.Length; i++)
            {
                vectors[order[i]] = stored[i];
            }
        }

        var int8 = layout.Int8Rows > 0 ? QuantizedRows.Mapped(mapping, layout.Int8Dimension, layout.Int8Rows, layout.Int8Start, layout.StatsStart) : null;
        var concepts = new List<StoredConcept>(entries.Length);
        var row = 0;
        foreach (var entry in entries)
        {
            var imageRows = new ReadOnlyMemory<float>[entry.Regions];
            for (var r = 0; r < entry.Regions; r++)
            {
                imageRows[r] = vectors[SegmentVectorOrder.ImageVector(entry.FirstVector, entry.Fingerprints, r)];
                if (int8 is not null && imageRows[r].Length != int8.Dimension)
                {
                    throw new InvalidDataException($"<{entry.Name}> has an image vector of {imageRows[r].Length} floats beside int8 rows of {int8.Dimension}");
                }
            }

            var at = entry;
            var floats = 0L;
            for (var v = 0; v < entry.Vectors; v++)
            {
                floats += lengths[entry.FirstVector + v];
            }

            concepts.Add(StoredConcept.Lazy(entry.Name, imageRows, vectors[entry.FirstVector], floats, () => Parse(file, mapping, layout, at, vectors, owner), int8, row));
            row += entry.Regions;
        }

        return concepts;
    }

    /// <summary>A concept's record from its JSON in the mapped file, checked against its directory entry, its vectors views.</summary>
    private static Concept Parse(string file, SegmentMapping mapping, SegmentLayout layout, SegmentDirectoryEntry entry, ReadOnlyMemory<float>[] vectors, OwnerId owner)
    {
        Concept? concept;
        try
        {
            unsafe
            {
                concept = JsonSerializer.Deserialize<Concept>(new ReadOnlySpan<byte>(mapping.Start + layout.JsonStart + entry.JsonStart, entry.JsonLength), ConceptIndexFile.Json);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidNameException)
        {
            throw ConceptIndexFile.DamagedStore(file, $"<{entry.Name}>: {ConceptIndexFile.OneLine(e.Message)}", e);
        }
        finally
        {
            GC.KeepAlive(mapping);
        }

        var flaw = ConceptIndexFile.Flaw(concept, owner) ?? (concept!.Name != entry.Name ? $"its JSON names <{concept.Name}>"
            : concept.Fingerprint.Count != entry.Fingerprints || concept.AllRegions.Count() != entry.Regions || ConceptVectors.Of(concept).Count() != entry.Vectors ? "its vectors do not match its shape"
            : null);
        if (flaw is not null)
        {
            throw ConceptIndexFile.DamagedStore(file, $"<{entry.Name}>: {flaw}");
        }

        var next = entry.FirstVector;
        return ConceptVectors.Fill(concept!, _ => vectors[next++]);
    }

    private static (int Fingerprints, int Regions, int Vectors) Shape(Concept concept) =>
        (concept.Fingerprint.Count, concept.AllRegions.Count(), ConceptVectors.Of(concept).Count());

    /// <summary>The region image rows' int8 copy, or null where they are not all finite and of one non-zero length.</summary>
    private static QuantizedRows? Int8Of(IReadOnlyList<Concept> concepts)
    {
        List<ReadOnlyMemory<float>> rows = [.. concepts.SelectMany(c => c.AllRegions).Select(r => r.ImageVector)];
        return rows.Count == 0 || rows[0].Length == 0 || rows.Exists(r => r.Length != rows[0].Length) ? null : QuantizedRows.Quantize(rows, rows[0].Length);
    }

    /// <summary>XxHash3 of everything after the header, read from the file.</summary>
    private static ulong Checksum(SafeFileHandle file, long end, CancellationToken cancellationToken)
    {
        var hash = new XxHash3();
        SegmentChecksum.Append(hash, file, HeaderBytes, end, cancellationToken);
        return hash.GetCurrentHashAsUInt64();
    }

    private static byte[] Header(int count, SegmentLayout layout, ulong checksum)
    {
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), count);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), layout.DirectoryBytes);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), layout.JsonBytes);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), layout.Floats);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), checksum);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), layout.Int8Dimension);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(44), layout.Int8Rows);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(48), layout.Int8Rows > 0 ? QuantizedRows.StatsBytes : 0);
        return header;
    }

    private static (int Count, SegmentLayout Layout, ulong Checksum) ParseHeader(string file, byte[] header, long length)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        var directoryBytes = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16));
        var jsonBytes = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20));
        var floats = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(24));
        var (int8Dimension, int8Rows, statsBytes) = (BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(40)), BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(44)), BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(48)));
        if (int8Rows > 0 && statsBytes != QuantizedRows.StatsBytes)
        {
            throw ConceptIndexFile.DamagedStore(file, $"its int8 stats take {statsBytes} bytes a row, this build's {QuantizedRows.StatsBytes}");
        }

        if (count < 0 || directoryBytes < 0 || jsonBytes < 0 || floats < 0 || floats > long.MaxValue / 8 || int8Dimension < 0 || int8Rows < 0
            || (int8Rows > 0 && int8Dimension == 0) || new SegmentLayout(directoryBytes, jsonBytes, floats, int8Dimension, int8Rows).End != length)
        {
            throw ConceptIndexFile.DamagedStore(file, "it is truncated or its header is wrong");
        }

        return (count, new SegmentLayout(directoryBytes, jsonBytes, floats, int8Dimension, int8Rows), BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(32)));
    }

    /// <summary>Where each part of a version-2 segment lies.</summary>
    private readonly record struct SegmentLayout(int DirectoryBytes, int JsonBytes, long Floats, int Int8Dimension, int Int8Rows)
    {
        public long JsonStart => HeaderBytes + (long)DirectoryBytes;

        public long FloatStart => Align(JsonStart + JsonBytes);

        public long Int8Start => Align(FloatStart + (Floats * sizeof(float)));

        public long StatsStart => Align(Int8Start + ((long)Int8Rows * QuantizedRows.StrideOf(Int8Dimension)));

        public long End => Int8Rows > 0 ? StatsStart + ((long)Int8Rows * QuantizedRows.StatsBytes) : FloatStart + (Floats * sizeof(float));
    }
}
