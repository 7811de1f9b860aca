using System.Buffers.Binary;
using System.Text;
using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// The binary directory of a version-2 segment (<see cref="ConceptSegmentFile"/>): per concept, in the segment's order,
/// what retrieval needs without parsing its JSON. Layout (little-endian), per entry: the name's UTF-8 byte count (u16)
/// and bytes, where its JSON starts in the segment's JSON area and its length (i32 each), its fingerprint attribute,
/// region and vector counts (i32 each), then each vector's float count (i32 each), in <see cref="ConceptVectors.Of"/>
/// order: the description, each attribute, each region's image then text vector, each hard negative.
/// </summary>
internal static class SegmentDirectory
{
    /// <summary>The directory of concepts whose JSON (vectors left out) lies at <paramref name="jsonRanges"/>.</summary>
    public static byte[] Write(IReadOnlyList<Concept> concepts, IReadOnlyList<(int Start, int Length)> jsonRanges)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(jsonRanges);
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            // BinaryWriter writes little-endian on every platform.
            for (var i = 0; i < concepts.Count; i++)
            {
                var concept = concepts[i];
                var name = Encoding.UTF8.GetBytes(concept.Name.Value);
                writer.Write(checked((ushort)name.Length));
                writer.Write(name);
                writer.Write(jsonRanges[i].Start);
                writer.Write(jsonRanges[i].Length);
                var lengths = ConceptVectors.Of(concept).Select(v => v.Length).ToList();
                writer.Write(concept.Fingerprint.Count);
                writer.Write(concept.AllRegions.Count());
                writer.Write(lengths.Count);
                lengths.ForEach(writer.Write);
            }
        }

        return bytes.ToArray();
    }

    /// <summary>Reads <paramref name="count"/> entries, checked against each other and the segment's sizes.</summary>
    /// <returns>The entries, and every vector's float count in file order (entry i's are from its <c>FirstVector</c>).</returns>
    /// <exception cref="InvalidDataException">The directory is not what the header says (a message without the file's name).</exception>
    public static (SegmentDirectoryEntry[] Entries, int[] Lengths) Read(ReadOnlySpan<byte> bytes, int count, int jsonBytes, long floats)
    {
        var entries = new SegmentDirectoryEntry[count];
        var all = new List<int>(count * 4);
        var (at, vector, floatsSeen) = (0, 0, 0L);
        for (var i = 0; i < count; i++)
        {
            var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(Take(bytes, ref at, 2));
            var name = Encoding.UTF8.GetString(Take(bytes, ref at, nameBytes));
            var fields = Take(bytes, ref at, 5 * sizeof(int));
            var (jsonStart, jsonLength) = (Int(fields, 0), Int(fields, 1));
            var (fingerprints, regions, vectors) = (Int(fields, 2), Int(fields, 3), Int(fields, 4));
            if (jsonStart < 0 || jsonLength <= 0 || (long)jsonStart + jsonLength > jsonBytes || fingerprints < 0 || regions < 0
                || vectors < 1L + fingerprints + (2L * regions) || vectors > bytes.Length)
            {
                throw new InvalidDataException($"directory entry {i} does not fit the segment");
            }

            var lengths = Take(bytes, ref at, vectors * sizeof(int));
            var first = vector;
            for (var v = 0; v < vectors; v++)
            {
                var length = Int(lengths, v);
                floatsSeen += length >= 0 ? length : throw new InvalidDataException($"directory entry {i} has a vector of negative length");
                all.Add(length);
            }

            ConceptName parsed;
            try
            {
                parsed = ConceptName.FromStored(name);
            }
            catch (InvalidNameException e)
            {
                throw new InvalidDataException($"directory entry {i}: {e.Message}", e);
            }

            entries[i] = new SegmentDirectoryEntry(parsed, jsonStart, jsonLength, fingerprints, regions, first, vectors);
            vector += vectors;
        }

        if (at != bytes.Length || floatsSeen != floats)
        {
            throw new InvalidDataException("its directory does not match its header");
        }

        return (entries, [.. all]);
    }

    private static int Int(ReadOnlySpan<byte> fields, int index) => BinaryPrimitives.ReadInt32LittleEndian(fields[(index * sizeof(int))..]);

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int at, long count)
    {
        if (count < 0 || at + count > bytes.Length)
        {
            throw new InvalidDataException("its directory is cut short");
        }

        var taken = bytes.Slice(at, (int)count);
        at += (int)count;
        return taken;
    }
}

/// <summary>One concept of a segment's directory: its vectors are <see cref="Vectors"/> from the segment's <see cref="FirstVector"/>-th.</summary>
internal readonly record struct SegmentDirectoryEntry(ConceptName Name, int JsonStart, int JsonLength, int Fingerprints, int Regions, int FirstVector, int Vectors);
