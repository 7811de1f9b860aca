using System.Text;

namespace Personalization.Models.Clip;

/// <summary>
/// Splits cleaned text into words the way openai/CLIP's pattern does:
/// <c>&lt;\|startoftext\|&gt;|&lt;\|endoftext\|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c>.
/// It scans Unicode scalar values rather than UTF-16 units, so letters outside the Basic Multilingual Plane
/// count as letters, as they do for Python's <c>regex</c>. Stateless, thread-safe.
/// </summary>
internal static class ClipPreTokenizer
{
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";

    private static readonly string[] Contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    /// <summary>The words of <paramref name="text"/>, in order; whitespace between them is dropped.</summary>
    public static List<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var rest = span[i..];
            if (rest.StartsWith(StartOfText, StringComparison.OrdinalIgnoreCase))
            {
                words.Add(StartOfText);
                i += StartOfText.Length;
                continue;
            }

            if (rest.StartsWith(EndOfText, StringComparison.OrdinalIgnoreCase))
            {
                words.Add(EndOfText);
                i += EndOfText.Length;
                continue;
            }

            var contraction = MatchContraction(rest);
            if (contraction > 0)
            {
                words.Add(rest[..contraction].ToString());
                i += contraction;
                continue;
            }

            Rune.DecodeFromUtf16(rest, out var first, out var firstLength);
            if (Rune.IsLetter(first))
            {
                var end = firstLength;
                while (end < rest.Length)
                {
                    Rune.DecodeFromUtf16(rest[end..], out var r, out var n);
                    if (!Rune.IsLetter(r))
                    {
                        break;
                    }

                    end += n;
                }

                words.Add(rest[..end].ToString());
                i += end;
            }
            else if (Rune.IsNumber(first))
            {
                words.Add(rest[..firstLength].ToString());
                i += firstLength;
            }
            else if (ClipTextCleaner.IsWhiteSpace(first))
            {
                i += firstLength;
            }
            else
            {
                var end = firstLength;
                while (end < rest.Length)
                {
                    Rune.DecodeFromUtf16(rest[end..], out var r, out var n);
                    if (Rune.IsLetter(r) || Rune.IsNumber(r) || ClipTextCleaner.IsWhiteSpace(r))
                    {
                        break;
                    }

                    end += n;
                }

                words.Add(rest[..end].ToString());
                i += end;
            }
        }

        return words;
    }

    private static int MatchContraction(ReadOnlySpan<char> rest)
    {
        if (rest.Length < 2 || rest[0] != '\'')
        {
            return 0;
        }

        foreach (var c in Contractions)
        {
            if (rest.StartsWith(c, StringComparison.OrdinalIgnoreCase))
            {
                return c.Length;
            }
        }

        return 0;
    }
}
