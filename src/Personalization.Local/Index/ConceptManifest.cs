using System.Text.Json;
using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// What an owner's concept index holds now: its segments, oldest first, each with the names of the concepts whose
/// current version it holds (a concept replaced or deleted since is garbage in its old segment until compaction). Small:
/// no vectors. Written to a temporary file, flushed to disk, then renamed over the old one, so a reader sees one whole
/// manifest or the other, and every segment it names was on disk before it was.
/// </summary>
/// <param name="Generation">One more at every write: names new segments uniquely.</param>
internal sealed record ConceptManifest(int Format, OwnerId Owner, long Generation, IReadOnlyList<ManifestSegment> Segments)
{
    public const int CurrentFormat = 2;

    public static async Task<ConceptManifest> ReadAsync(string file, OwnerId owner, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        ConceptManifest? manifest;
        try
        {
            manifest = await JsonSerializer.DeserializeAsync<ConceptManifest>(stream, ConceptIndexFile.Json, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or InvalidNameException)
        {
            throw ConceptIndexFile.DamagedStore(file, ConceptIndexFile.OneLine(e.Message), e);
        }

        var flaw = manifest switch
        {
            null => "it holds null, not a manifest",
            _ when manifest.Format != CurrentFormat => $"format {manifest.Format}, this build reads format {CurrentFormat}",
            _ when manifest.Owner != owner => $"it belongs to owner '{manifest.Owner}', not '{owner}'",
            _ when manifest.Segments.Any(s => s is null || s.Concepts is null || !IsSegmentName(s.Name)) => "a null or misnamed segment",
            _ when manifest.Segments.Any(s => s.LiveFloats < 0 || s.LiveFloats > s.Floats) => "a segment with more live floats than floats",
            _ when manifest.Segments.SelectMany(s => s.Concepts).GroupBy(n => n).Any(g => g.Count() > 1) => "a concept in two segments",
            _ => null,
        };
        return flaw is null ? manifest! : throw ConceptIndexFile.DamagedStore(file, flaw);
    }

    public async Task WriteAsync(string file, CancellationToken cancellationToken)
    {
        var temp = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(stream, this, ConceptIndexFile.Json, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, file, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The name of a segment written at <paramref name="generation"/>: unique even beside one a killed writer left.</summary>
    public static string SegmentName(long generation) => $"concepts.seg-{generation:D10}-{Guid.NewGuid():N}.vec";

    /// <summary>Only names <see cref="SegmentName"/> makes: a manifest cannot point outside the owner's folder.</summary>
    public static bool IsSegmentName(string? name) =>
        name is { Length: 60 } && name.StartsWith("concepts.seg-", StringComparison.Ordinal) && name.EndsWith(".vec", StringComparison.Ordinal)
        && name.AsSpan(13, 10).ContainsAnyExceptInRange('0', '9') is false && name[23] == '-' && name.AsSpan(24, 32).ContainsAnyExcept("0123456789abcdef") is false;
}

/// <param name="Floats">All the floats it holds, garbage included.</param>
/// <param name="LiveFloats">The floats of <paramref name="Concepts"/>: the rest is garbage, for compaction to weigh.</param>
/// <param name="Concepts">The concepts whose current version it holds.</param>
internal sealed record ManifestSegment(string Name, long Floats, long LiveFloats, ulong Checksum, IReadOnlyList<ConceptName> Concepts);
