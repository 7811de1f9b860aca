using System.Globalization;
using System.Net;
using System.Text;

namespace Personalization.Models.Clip;

/// <summary>
/// The text clean-up of openai/CLIP's tokenizer: <c>ftfy.fix_text</c> (the parts that matter for typed text:
/// control characters, Latin ligatures, full-width forms, curly quotes, NFC), HTML unescaping twice,
/// whitespace collapsed to single spaces and trimmed, then Python's <c>str.lower()</c> (full case mapping:
/// <c>İ</c> becomes <c>i̇</c>, a word-final <c>Σ</c> becomes <c>ς</c>). Stateless, thread-safe.
/// </summary>
/// <remarks>
/// ftfy's mojibake repair (re-decoding text that was decoded with the wrong code page) is not done. NFC happens only
/// where the runtime can normalise: with <c>InvariantGlobalization</c> (this solution's setting) .NET leaves non-ASCII
/// text as it is, so decomposed input such as <c>e</c> + U+0301 tokenises differently from the reference.
/// </remarks>
internal static class ClipTextCleaner
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fixedText = FixText(text);
        var unescaped = WebUtility.HtmlDecode(WebUtility.HtmlDecode(fixedText));
        return Lower(CollapseWhitespace(unescaped));
    }

    /// <summary>Python's <c>str.isspace()</c>, which is what <c>\s</c> means in CLIP's clean-up.</summary>
    public static bool IsWhiteSpace(Rune r) =>
        Rune.IsWhiteSpace(r) || (r.Value >= 0x1C && r.Value <= 0x1F);

    private static string FixText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var r in text.EnumerateRunes())
        {
            var v = r.Value;
            if (IsFtfyControl(v))
            {
                continue;
            }

            switch (v)
            {
                // ftfy.fixes.uncurl_quotes
                case 0x02BC or >= 0x2018 and <= 0x201B:
                    sb.Append('\'');
                    continue;
                case >= 0x201C and <= 0x201F:
                    sb.Append('"');
                    continue;

                // ftfy.fixes.fix_character_width: full-width ASCII and the ideographic space
                case >= 0xFF01 and <= 0xFF5E:
                    sb.Append((char)(v - 0xFF01 + 0x21));
                    continue;
                case 0x3000:
                    sb.Append(' ');
                    continue;

                // ftfy.fixes.fix_latin_ligatures
                case 0x0132: sb.Append("IJ"); continue;
                case 0x0133: sb.Append("ij"); continue;
                case 0x0149: sb.Append("ʼn"); continue;
                case 0x01C4: sb.Append("DŽ"); continue;
                case 0x01C5: sb.Append("Dž"); continue;
                case 0x01C6: sb.Append("dž"); continue;
                case 0x01C7: sb.Append("LJ"); continue;
                case 0x01C8: sb.Append("Lj"); continue;
                case 0x01C9: sb.Append("lj"); continue;
                case 0x01CA: sb.Append("NJ"); continue;
                case 0x01CB: sb.Append("Nj"); continue;
                case 0x01CC: sb.Append("nj"); continue;
                case 0x01F1: sb.Append("DZ"); continue;
                case 0x01F2: sb.Append("Dz"); continue;
                case 0x01F3: sb.Append("dz"); continue;
                case 0xFB00: sb.Append("ff"); continue;
                case 0xFB01: sb.Append("fi"); continue;
                case 0xFB02: sb.Append("fl"); continue;
                case 0xFB03: sb.Append("ffi"); continue;
                case 0xFB04: sb.Append("ffl"); continue;
                case 0xFB05: sb.Append("ſt"); continue;
                case 0xFB06: sb.Append("st"); continue;
            }

            sb.Append(r.ToString());
        }

        var result = sb.ToString();
        return TryNormalizeNfc(result);
    }

    /// <summary>ftfy.chardata.CONTROL_CHARS (tab, line feed, form feed and carriage return are kept).</summary>
    private static bool IsFtfyControl(int v) =>
        v is (>= 0x00 and <= 0x08) or 0x0B or (>= 0x0E and <= 0x1F) or 0x7F
            or (>= 0x206A and <= 0x206F) or 0xFEFF or (>= 0xFFF9 and <= 0xFFFC)
            or (>= 0x1D173 and <= 0x1D17A) or (>= 0xE0000 and <= 0xE007F);

    private static string TryNormalizeNfc(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16 (a lone surrogate) cannot be normalised; keep it as it is.
            return text;
        }
    }

    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var r in text.EnumerateRunes())
        {
            if (IsWhiteSpace(r))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(r.ToString());
        }

        return sb.ToString();
    }

    /// <summary>Python's <c>str.lower()</c>: simple lower-case mapping plus its two special cases.</summary>
    private static string Lower(string text)
    {
        var sb = new StringBuilder(text.Length);
        var runes = text.EnumerateRunes().ToArray();
        for (var i = 0; i < runes.Length; i++)
        {
            var r = runes[i];
            switch (r.Value)
            {
                case 0x0130:
                    sb.Append("i\u0307");
                    break;
                case 0x03A3:
                    sb.Append(IsFinalSigma(runes, i) ? 'ς' : 'σ');
                    break;
                default:
                    sb.Append(Rune.ToLowerInvariant(r).ToString());
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Unicode's Final_Sigma context: a cased letter before (skipping case-ignorables), none after.</summary>
    private static bool IsFinalSigma(Rune[] runes, int index)
    {
        var j = index - 1;
        while (j >= 0 && IsCaseIgnorable(runes[j]))
        {
            j--;
        }

        if (j < 0 || !IsCased(runes[j]))
        {
            return false;
        }

        var k = index + 1;
        while (k < runes.Length && IsCaseIgnorable(runes[k]))
        {
            k++;
        }

        return k >= runes.Length || !IsCased(runes[k]);
    }

    private static bool IsCased(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || r.Value is '\'' or '.' or ':' or 0x00B7 or 0x0387 or 0x05F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027
            or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}
