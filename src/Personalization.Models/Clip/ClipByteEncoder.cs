namespace Personalization.Models.Clip;

/// <summary>
/// GPT-2/CLIP byte-to-unicode table: every byte gets a printable character; the table's order is the order
/// of the first 256 vocabulary entries. Immutable, thread-safe.
/// </summary>
internal static class ClipByteEncoder
{
    /// <summary>The printable character that stands for each byte.</summary>
    public static readonly char[] ByteToChar;

    /// <summary>Each byte's position in the table (its token id without <c>&lt;/w&gt;</c>).</summary>
    public static readonly int[] ByteToIndex;

    static ClipByteEncoder()
    {
        ByteToChar = BuildTable(out var byteToIndex);
        ByteToIndex = byteToIndex;
    }

    /// <summary>The table's characters in vocabulary order.</summary>
    public static IEnumerable<char> CharsInOrder()
    {
        var chars = new char[256];
        for (var b = 0; b < 256; b++)
        {
            chars[ByteToIndex[b]] = ByteToChar[b];
        }

        return chars;
    }

    private static char[] BuildTable(out int[] byteToIndex)
    {
        var order = new List<int>(256);
        for (var b = '!'; b <= '~'; b++)
        {
            order.Add(b);
        }

        for (var b = '¡'; b <= '¬'; b++)
        {
            order.Add(b);
        }

        for (var b = '®'; b <= 'ÿ'; b++)
        {
            order.Add(b);
        }

        var chars = new char[256];
        foreach (var b in order)
        {
            chars[b] = (char)b;
        }

        var printable = order.ToHashSet();
        var n = 0;
        for (var b = 0; b < 256; b++)
        {
            if (!printable.Contains(b))
            {
                order.Add(b);
                chars[b] = (char)(256 + n);
                n++;
            }
        }

        byteToIndex = new int[256];
        for (var i = 0; i < order.Count; i++)
        {
            byteToIndex[order[i]] = i;
        }

        return chars;
    }
}
