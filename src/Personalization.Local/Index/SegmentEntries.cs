using System.Runtime.ExceptionServices;
using System.Text.Json;
using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// A segment's concepts as its metadata holds them (a JSON array of <see cref="SegmentEntry"/>), parsed on every core:
/// one quick pass finds where each entry starts and ends, then each core parses its share of the entries. Parsing is
/// most of the time a large owner takes to load (16.5 MB of JSON at 100k vectors).
/// </summary>
internal static class SegmentEntries
{
    // Below this much JSON one core is done before a second would have started.
    private const int ParallelBytes = 1 << 20;

    /// <returns>The entries in order; an entry written as JSON null is null here.</returns>
    /// <exception cref="JsonException">The metadata is not an array of entries.</exception>
    /// <exception cref="InvalidNameException">An entry holds a name that is not valid.</exception>
    public static SegmentEntry?[] Parse(ReadOnlyMemory<byte> json)
    {
        var bounds = Bounds(json.Span);
        var entries = new SegmentEntry?[bounds.Count];
        var workers = json.Length >= ParallelBytes ? Math.Min(Environment.ProcessorCount, Math.Max(1, bounds.Count)) : 1;
        ExceptionDispatchInfo? failed = null;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            try
            {
                for (var i = (int)((long)bounds.Count * w / workers); i < (int)((long)bounds.Count * (w + 1) / workers) && failed is null; i++)
                {
                    var (start, length) = bounds[i];
                    entries[i] = JsonSerializer.Deserialize<SegmentEntry>(json.Span.Slice(start, length), ConceptIndexFile.Json);
                }
            }
            catch (Exception e) when (e is JsonException or InvalidNameException)
            {
                Interlocked.CompareExchange(ref failed, ExceptionDispatchInfo.Capture(e), null);
            }
        });

        failed?.Throw();
        return entries;
    }

    /// <summary>Where each element of the top-level array starts, and its length in bytes.</summary>
    private static List<(int Start, int Length)> Bounds(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("the metadata is not a list of concepts");
        }

        var bounds = new List<(int Start, int Length)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            bounds.Add((start, (int)reader.BytesConsumed - start));
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new JsonException("the list of concepts is not closed, or something follows it");
        }

        return bounds;
    }
}

/// <summary>A concept without its vectors, and the length of each, in <see cref="ConceptVectors.Of"/> order.</summary>
internal sealed record SegmentEntry(Concept Concept, int[] Lengths);
