namespace Personalization.Core.Enrollment;

/// <summary>
/// Colour words and the family each belongs to: the basic names of the colour vocabulary the models name colours
/// with (<c>Personalization.Models/Colors/color-vocabulary.tsv</c>, the rows not marked fine) and the everyday words
/// people write for them (<c>golden</c>, <c>gray</c>, <c>ginger</c>, <c>reddish</c>). Two colours of one family
/// (<c>golden</c>, <c>mustard</c>) agree; of two families (<c>golden</c>, <c>silver</c>) they do not.
/// </summary>
internal static class ColorWords
{
    private static readonly Dictionary<string, string> Families = new(StringComparer.OrdinalIgnoreCase)
    {
        ["black"] = "black",
        ["charcoal"] = "grey",
        ["dark grey"] = "grey",
        ["grey"] = "grey",
        ["silver"] = "grey",
        ["light grey"] = "grey",
        ["white"] = "white",
        ["ivory"] = "white",
        ["cream"] = "white",
        ["beige"] = "brown",
        ["tan"] = "brown",
        ["khaki"] = "brown",
        ["sand"] = "brown",
        ["caramel"] = "brown",
        ["brown"] = "brown",
        ["chocolate"] = "brown",
        ["dark brown"] = "brown",
        ["rust"] = "orange",
        ["copper"] = "orange",
        ["orange"] = "orange",
        ["peach"] = "orange",
        ["apricot"] = "orange",
        ["coral"] = "orange",
        ["salmon"] = "pink",
        ["red"] = "red",
        ["crimson"] = "red",
        ["scarlet"] = "red",
        ["maroon"] = "red",
        ["burgundy"] = "red",
        ["wine"] = "red",
        ["pink"] = "pink",
        ["blush pink"] = "pink",
        ["hot pink"] = "pink",
        ["magenta"] = "pink",
        ["fuchsia"] = "purple",
        ["lavender"] = "purple",
        ["lilac"] = "purple",
        ["purple"] = "purple",
        ["violet"] = "purple",
        ["plum"] = "purple",
        ["navy"] = "blue",
        ["dark blue"] = "blue",
        ["royal blue"] = "blue",
        ["blue"] = "blue",
        ["sky blue"] = "blue",
        ["light blue"] = "blue",
        ["baby blue"] = "blue",
        ["denim"] = "blue",
        ["steel blue"] = "blue",
        ["teal"] = "green",
        ["turquoise"] = "green",
        ["aqua"] = "green",
        ["mint"] = "green",
        ["sage"] = "green",
        ["olive"] = "green",
        ["khaki green"] = "green",
        ["forest green"] = "green",
        ["dark green"] = "green",
        ["green"] = "green",
        ["emerald"] = "green",
        ["lime"] = "green",
        ["electric lime"] = "green",
        ["chartreuse"] = "green",
        ["mustard"] = "yellow",
        ["gold"] = "yellow",
        ["yellow"] = "yellow",
        ["lemon"] = "yellow",
        ["pale yellow"] = "yellow",
        ["golden"] = "yellow", ["blond"] = "yellow", ["blonde"] = "yellow", ["yellowish"] = "yellow", ["gray"] = "grey",
        ["grayish"] = "grey", ["greyish"] = "grey", ["silvery"] = "grey", ["dark gray"] = "grey", ["light gray"] = "grey",
        ["reddish"] = "red", ["ginger"] = "orange", ["orangey"] = "orange", ["brownish"] = "brown", ["tawny"] = "brown",
        ["fawn"] = "brown", ["chestnut"] = "brown", ["greenish"] = "green", ["bluish"] = "blue", ["blueish"] = "blue",
        ["pinkish"] = "pink", ["purplish"] = "purple", ["whitish"] = "white", ["blackish"] = "black",
    };

    private static readonly int MaxWords = Families.Keys.Max(k => k.Split(' ').Length);

    /// <summary>The colour families named in <paramref name="text"/>, longest phrase first (<c>light grey</c> before <c>grey</c>).</summary>
    public static IEnumerable<string> FamiliesIn(string text)
    {
        var words = LabelKinds.Words(text);
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length;)
        {
            var step = 1;
            for (var n = Math.Min(MaxWords, words.Length - i); n >= 1; n--)
            {
                if (Families.TryGetValue(string.Join(' ', words, i, n), out var family))
                {
                    found.Add(family);
                    step = n;
                    break;
                }
            }

            i += step;
        }

        return found;
    }

    /// <summary>Whether the text is nothing but colour words (<c>light grey</c>, <c>black and white</c>), not a thing of a colour.</summary>
    public static bool IsOnlyColour(string text)
    {
        var words = LabelKinds.Words(text).Where(w => w is not "and" and not "or").ToArray();
        return words.Length > 0 && words.All(w => Families.ContainsKey(w) || w is "light" or "dark" or "pale" or "bright" or "deep");
    }
}
