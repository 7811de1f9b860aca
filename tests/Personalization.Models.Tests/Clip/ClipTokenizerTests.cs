using System.Text.Json;
using Personalization.Models.Clip;
using Personalization.TestSupport;

namespace Personalization.Models.Tests.Clip;

public sealed class ClipTokenizerTests
{
    public static TheoryData<string, int[]> ReferenceVectors()
    {
        var data = new TheoryData<string, int[]>();
        if (!SharedData.IsAvailable)
        {
            return data;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(SharedData.Model("clip/tokenizer-vectors.json")));
        foreach (var item in json.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(item.GetProperty("text").GetString()!, item.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        }

        return data;
    }

    [SharedTheory]
    [MemberData(nameof(ReferenceVectors))]
    public void Encode_MatchesReferenceTokenizer(string text, int[] expected)
    {
        Assert.Equal(expected, TinyClip.Tokenizer.Encode(text));
    }

    [SharedFact]
    public void VectorsFile_HasAllItsCasesLoaded()
    {
        Assert.True(ReferenceVectors().Count >= 18);
    }

    [SharedFact]
    public void Vocabulary_Has49408Entries()
    {
        Assert.Equal(49408, TinyClip.Tokenizer.VocabularySize);
    }

    [SharedFact]
    public void Encode_EmptyText_IsStartAndEnd()
    {
        Assert.Equal([ClipTokenizer.StartOfTextId, ClipTokenizer.EndOfTextId], TinyClip.Tokenizer.Encode(string.Empty));
    }

    [SharedFact]
    public void Encode_LiteralSpecialTokens_MapToTheirIds()
    {
        Assert.Equal([49406, 49406, 320, 2368, 49407, 49407], TinyClip.Tokenizer.Encode("<|startoftext|>a cat<|endoftext|>"));
    }

    [SharedTheory]
    [InlineData("it’s a dog", "it's a dog")] // ftfy uncurls quotes
    [InlineData("“quoted”", "\"quoted\"")]
    [InlineData("ＦＵＬＬ　ｗｉｄｔｈ", "full width")] // ftfy fixes character width
    [InlineData("ﬁne", "fine")] // ftfy splits Latin ligatures
    [InlineData("rock &amp; roll &lt;3", "rock & roll <3")] // HTML unescaped
    [InlineData("&amp;amp;", "&")] // ... twice
    [InlineData("  A\n\tRED\u00A0\u00A0Cat  ", "a red cat")] // whitespace collapsed, lower-cased
    [InlineData("CAFÉ ÜBER", "café über")]
    public void Encode_CleansTextLikeOpenAiClip(string raw, string equivalent)
    {
        Assert.Equal(TinyClip.Tokenizer.Encode(equivalent), TinyClip.Tokenizer.Encode(raw));
    }

    [SharedFact]
    public void EncodeBatch_PadsWithZeros()
    {
        var rows = TinyClip.Tokenizer.EncodeBatch(["a photo of a cat", string.Empty]);

        Assert.Equal(2 * ClipTokenizer.DefaultContextLength, rows.Length);
        Assert.Equal([49406, 320, 1125, 539, 320, 2368, 49407], rows[..7]);
        Assert.All(rows[7..77], id => Assert.Equal(ClipTokenizer.PadId, id));
        Assert.Equal([49406, 49407], rows[77..79]);
        Assert.All(rows[79..], id => Assert.Equal(ClipTokenizer.PadId, id));
    }

    [SharedFact]
    public void EncodeBatch_TruncatesKeepingTheEndTokenLast()
    {
        var longText = string.Join(' ', Enumerable.Repeat("dog", 100));
        var ids = TinyClip.Tokenizer.Encode(longText);

        var rows = TinyClip.Tokenizer.EncodeBatch([longText]);

        Assert.Equal(102, ids.Length);
        Assert.Equal(77, rows.Length);
        Assert.Equal(ids[..76].Select(i => (long)i), rows[..76]);
        Assert.Equal(ClipTokenizer.EndOfTextId, rows[76]);
    }

    [Fact]
    public void WriteRow_ReturnsTheTokenCount()
    {
        var row = new long[5];

        Assert.Equal(3, ClipTokenizer.WriteRow([49406, 320, 49407], row));
        Assert.Equal([49406, 320, 49407, 0, 0], row);
        Assert.Equal(5, ClipTokenizer.WriteRow([49406, 1, 2, 3, 4, 5, 49407], row));
        Assert.Equal([49406, 1, 2, 3, 49407], row);
    }

    [SharedFact]
    public void Encode_IsThreadSafeAndCached()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"photo number {i} of a red ceramic teapot, take {i % 7}").ToArray();
        var expected = texts.Select(t => TinyClip.Tokenizer.Encode(t)).ToArray();

        var actual = new int[texts.Length][];
        Parallel.For(0, texts.Length, i => actual[i] = TinyClip.Tokenizer.Encode(texts[i]));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void PreTokenizer_FollowsClipsPattern()
    {
        Assert.Equal(["it", "'s", "3", ".", "1", "4", "isn", "'t", "?!", "<", "bo", ">"], ClipPreTokenizer.Split("it's 3.14 isn't?! <bo>"));
        Assert.Equal(["a\U0001D400b", "🐶🐶"], ClipPreTokenizer.Split("a\U0001D400b 🐶🐶")); // letters outside the BMP are letters
        Assert.Equal(["<|endoftext|>", "x"], ClipPreTokenizer.Split("<|endoftext|>x"));
    }

    [Fact]
    public void Cleaner_LowerCasesLikePython()
    {
        Assert.Equal("i\u0307stanbul", ClipTextCleaner.Clean("İSTANBUL"));
        // Python: "ΟΔΟΣ ΣΟΦΟΣ".lower() == "οδος σοφος" (σ inside a word, ς at its end)
        Assert.Equal("\u03BF\u03B4\u03BF\u03C2 \u03C3\u03BF\u03C6\u03BF\u03C2", ClipTextCleaner.Clean("\u039F\u0394\u039F\u03A3 \u03A3\u039F\u03A6\u039F\u03A3"));
        Assert.Equal("\u03C3", ClipTextCleaner.Clean("\u03A3")); // a lone capital sigma has no cased letter before it
    }
}
