using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;

namespace Personalization.Models.Clip;

/// <summary>
/// The byte-level BPE tokenizer of openai/CLIP (<c>bpe_simple_vocab_16e6.txt.gz</c>): the vocabulary is the 256
/// byte characters, the same with <c>&lt;/w&gt;</c>, the 48 894 merges, then <c>&lt;|startoftext|&gt;</c> (49406)
/// and <c>&lt;|endoftext|&gt;</c> (49407).
/// </summary>
/// <remarks>
/// Immutable after loading and thread-safe: the per-word BPE cache is a concurrent dictionary that is emptied when
/// it grows past <see cref="MaxCachedWords"/> words. Arrays it returns belong to the caller.
/// </remarks>
public sealed class ClipTokenizer
{
    public const int StartOfTextId = 49406;
    public const int EndOfTextId = 49407;

    /// <summary>The id that pads short rows (openai/CLIP's <c>clip.tokenize</c> pads with 0).</summary>
    public const int PadId = 0;

    /// <summary>CLIP's context length: 77 positions, start and end tokens included.</summary>
    public const int DefaultContextLength = 77;

    /// <summary>How many merges openai/CLIP reads from the file (49152 − 256 − 2).</summary>
    public const int MergeCount = 49152 - 256 - 2;

    /// <summary>The BPE cache holds at most this many words before it is emptied.</summary>
    public const int MaxCachedWords = 100_000;

    private readonly Dictionary<long, (int Rank, int MergedId)> _merges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private int _cachedWords;

    private ClipTokenizer(IReadOnlyList<(string Left, string Right)> merges)
    {
        var vocabulary = new List<string>(512 + merges.Count + 2);
        var byteChars = ClipByteEncoder.CharsInOrder().Select(c => c.ToString()).ToList();
        vocabulary.AddRange(byteChars);
        vocabulary.AddRange(byteChars.Select(c => c + "</w>"));
        vocabulary.AddRange(merges.Select(m => m.Left + m.Right));
        vocabulary.Add(ClipPreTokenizer.StartOfText);
        vocabulary.Add(ClipPreTokenizer.EndOfText);
        if (vocabulary.Count != EndOfTextId + 1)
        {
            throw new InvalidDataException($"the CLIP vocabulary has {vocabulary.Count} entries; expected {EndOfTextId + 1}");
        }

        // Python's dict(zip(vocab, range(len(vocab)))): a repeated string keeps its last id.
        var encoder = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (var id = 0; id < vocabulary.Count; id++)
        {
            encoder[vocabulary[id]] = id;
        }

        _merges = new Dictionary<long, (int, int)>(merges.Count);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            if (!encoder.TryGetValue(left, out var leftId) || !encoder.TryGetValue(right, out var rightId))
            {
                throw new InvalidDataException($"merge {rank + 1} ('{left} {right}') uses a symbol that is not in the vocabulary");
            }

            _merges[PairKey(leftId, rightId)] = (rank, encoder[left + right]);
        }

        VocabularySize = vocabulary.Count;
    }

    /// <summary>49408 for the openai/CLIP file.</summary>
    public int VocabularySize { get; }

    /// <summary>Reads the gzip merges file (<c>bpe_simple_vocab_16e6.txt.gz</c>).</summary>
    public static ClipTokenizer Load(string vocabularyPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(vocabularyPath);
        using var file = File.OpenRead(vocabularyPath);
        return Load(file);
    }

    /// <summary>Reads the gzip merges file from a stream, which the caller keeps and disposes.</summary>
    public static ClipTokenizer Load(Stream gzipStream)
    {
        ArgumentNullException.ThrowIfNull(gzipStream);
        using var gzip = new GZipStream(gzipStream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        _ = reader.ReadLine() ?? throw new InvalidDataException("the CLIP merges file is empty");
        var merges = new List<(string, string)>(MergeCount);
        while (merges.Count < MergeCount)
        {
            var line = reader.ReadLine()
                ?? throw new InvalidDataException($"the CLIP merges file has {merges.Count} merges; expected at least {MergeCount}");
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new InvalidDataException($"line {merges.Count + 2} of the CLIP merges file is not a pair: '{line}'");
            }

            merges.Add((parts[0], parts[1]));
        }

        return new ClipTokenizer(merges);
    }

    /// <summary>
    /// The token ids of <paramref name="text"/>: <see cref="StartOfTextId"/>, the BPE tokens, <see cref="EndOfTextId"/>;
    /// neither padded nor truncated.
    /// </summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int> { StartOfTextId };
        foreach (var word in ClipPreTokenizer.Split(ClipTextCleaner.Clean(text)))
        {
            ids.AddRange(EncodeWord(word));
        }

        ids.Add(EndOfTextId);
        return [.. ids];
    }

    /// <summary>
    /// Encodes each text into one row of <paramref name="contextLength"/> ids, row-major
    /// [<c>texts.Count</c>, <paramref name="contextLength"/>], as <see cref="WriteRow"/> lays them out.
    /// </summary>
    public long[] EncodeBatch(IReadOnlyList<string> texts, int contextLength = DefaultContextLength)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        var rows = new long[texts.Count * contextLength];
        for (var i = 0; i < texts.Count; i++)
        {
            WriteRow(Encode(texts[i]), rows.AsSpan(i * contextLength, contextLength));
        }

        return rows;
    }

    /// <summary>
    /// Copies <paramref name="ids"/> into <paramref name="row"/>, padding with <see cref="PadId"/>; ids that do not fit
    /// are cut and the last position becomes <see cref="EndOfTextId"/> (openai/CLIP's <c>truncate=True</c>).
    /// </summary>
    /// <returns>How many leading positions hold tokens (the rest is padding): the attention-mask length.</returns>
    public static int WriteRow(ReadOnlySpan<int> ids, Span<long> row)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(row.Length, 1, nameof(row));
        var n = Math.Min(ids.Length, row.Length);
        for (var i = 0; i < n; i++)
        {
            row[i] = ids[i];
        }

        if (ids.Length > row.Length)
        {
            row[^1] = EndOfTextId;
        }

        row[n..].Fill(PadId);
        return n;
    }

    private static long PairKey(int left, int right) => ((long)left << 32) | (uint)right;

    private int[] EncodeWord(string word)
    {
        switch (word)
        {
            case ClipPreTokenizer.StartOfText:
                return [StartOfTextId];
            case ClipPreTokenizer.EndOfText:
                return [EndOfTextId];
        }

        if (_cache.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var ids = Bpe(word);
        if (_cache.TryAdd(word, ids) && Interlocked.Increment(ref _cachedWords) > MaxCachedWords)
        {
            _cache.Clear();
            Interlocked.Exchange(ref _cachedWords, 0);
        }

        return ids;
    }

    private int[] Bpe(string word)
    {
        var bytes = Encoding.UTF8.GetBytes(word);
        if (bytes.Length == 0)
        {
            return [];
        }

        var symbols = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            symbols[i] = ClipByteEncoder.ByteToIndex[bytes[i]];
        }

        symbols[^1] += 256; // the word's last character carries "</w>"
        var count = symbols.Length;
        while (count > 1)
        {
            var bestRank = int.MaxValue;
            var bestMerged = -1;
            var left = -1;
            var right = -1;
            for (var i = 0; i < count - 1; i++)
            {
                if (_merges.TryGetValue(PairKey(symbols[i], symbols[i + 1]), out var merge) && merge.Rank < bestRank)
                {
                    (bestRank, bestMerged, left, right) = (merge.Rank, merge.MergedId, symbols[i], symbols[i + 1]);
                }
            }

            if (bestMerged < 0)
            {
                break;
            }

            var write = 0;
            for (var read = 0; read < count; write++)
            {
                if (read < count - 1 && symbols[read] == left && symbols[read + 1] == right)
                {
                    symbols[write] = bestMerged;
                    read += 2;
                }
                else
                {
                    symbols[write] = symbols[read];
                    read++;
                }
            }

            count = write;
        }

        return symbols.AsSpan(0, count).ToArray();
    }
}
