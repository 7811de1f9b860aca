using System.Globalization;
using System.Text;

namespace Personalization.Core.Domain;

/// <summary>
/// The Unicode normalisation concept names need, from tables (<c>NameTables.Generated.cs</c>): the product runs with
/// invariant globalization, where <see cref="string.Normalize()"/> leaves non-ASCII text unchanged.
/// <see cref="Compose"/> is NFC for names (a base letter and the combining marks that follow it, and Hangul jamo);
/// <see cref="IsCompatibility"/> says whether NFKC would change a letter or digit (fullwidth <c>ｂ</c>, the ligature
/// <c>ﬁ</c>, a mathematical bold <c>𝐛</c>, a compatibility ideograph).
/// </summary>
internal static partial class NameTables
{
    private const int HangulBase = 0xAC00, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7;
    private const int LeadCount = 19, VowelCount = 21, TrailCount = 28, SyllableCount = LeadCount * VowelCount * TrailCount;

    // Built on first use: static fields of the generated half are initialised in its own file's order.
    private static readonly Lazy<Dictionary<(int Base, int Mark), int>> CompositionByPair = new(() => Compositions.ToDictionary(c => (c.Base, c.Mark), c => c.Composed));

    /// <summary>
    /// Composes each base letter with the combining marks after it where Unicode has a precomposed letter (e + ◌̈ → ë),
    /// in the order written. A mark with nothing to combine with stays, for the caller to refuse.
    /// </summary>
    public static string Compose(string text)
    {
        if (text.All(char.IsAscii))
        {
            return text;
        }

        var runes = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var last = runes.Count - 1;
            if (last >= 0 && TryCompose(runes[last], rune.Value, out var composed))
            {
                runes[last] = composed;
            }
            else
            {
                runes.Add(rune.Value);
            }
        }

        var result = new StringBuilder(text.Length);
        foreach (var value in runes)
        {
            result.Append(new Rune(value).ToString());
        }

        return result.ToString();
    }

    public static bool IsCompatibility(Rune rune)
    {
        int low = 0, high = CompatibilityRanges.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var (first, last) = CompatibilityRanges[mid];
            if (rune.Value < first)
            {
                high = mid - 1;
            }
            else if (rune.Value > last)
            {
                low = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The plain ASCII spelling of a name's compatibility letters, when every one of them has one; else null.</summary>
    public static string? AsciiFold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsCompatibility(rune))
            {
                folded.Append(rune.ToString());
            }
            else if (Array.FindIndex(AsciiFoldStrings, f => f.CodePoint == rune.Value) is var i and >= 0)
            {
                folded.Append(AsciiFoldStrings[i].Fold);
            }
            else if (Array.FindIndex(AsciiFoldRuns, f => rune.Value >= f.First && rune.Value <= f.Last) is var j and >= 0)
            {
                folded.Append((char)(AsciiFoldRuns[j].Fold + (rune.Value - AsciiFoldRuns[j].First)));
            }
            else
            {
                return null;
            }
        }

        return folded.ToString();
    }

    public static bool IsMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool TryCompose(int first, int second, out int composed)
    {
        // Hangul: a leading consonant and a vowel make a syllable; a syllable without a final and a final make another.
        if (first is >= LeadBase and < LeadBase + LeadCount && second is >= VowelBase and < VowelBase + VowelCount)
        {
            composed = HangulBase + ((((first - LeadBase) * VowelCount) + (second - VowelBase)) * TrailCount);
            return true;
        }

        if (first is >= HangulBase and < HangulBase + SyllableCount && (first - HangulBase) % TrailCount == 0
            && second is > TrailBase and < TrailBase + TrailCount)
        {
            composed = first + (second - TrailBase);
            return true;
        }

        return CompositionByPair.Value.TryGetValue((first, second), out composed);
    }
}
