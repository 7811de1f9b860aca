namespace Personalization.Core.Enrollment;

/// <summary>
/// What kind of thing a detector or classifier label, or a user's category, names — a dog, a cat, another animal, a
/// person, an object, or a depiction of something (a toy, a plush, a cartoon) — so that a label the models guessed
/// can be checked against the category the user gave. Only clear contradictions count: a category of no known kind,
/// or a depiction, contradicts nothing. The ImageNet classes come from the labels file the classifier itself reads (the
/// models layer builds this from it: <see cref="FromImageNet"/>); without them only COCO labels and category words count.
/// </summary>
public sealed class LabelKinds
{
    public const string Dog = "dog";
    public const string Cat = "cat";
    public const string Animal = "animal";
    public const string Person = "person";
    public const string Object = "object";
    public const string Depiction = "depiction";

    /// <summary>Generic words for a kind: they name no breed.</summary>
    private static readonly Dictionary<string, string> CategoryWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dog"] = Dog, ["dogs"] = Dog, ["puppy"] = Dog, ["pup"] = Dog, ["doggy"] = Dog, ["doggo"] = Dog, ["hound"] = Dog,
        ["cat"] = Cat, ["cats"] = Cat, ["kitten"] = Cat, ["kitty"] = Cat,
        ["animal"] = Animal, ["pet"] = Animal, ["bird"] = Animal, ["parrot"] = Animal, ["fish"] = Animal, ["horse"] = Animal,
        ["pony"] = Animal, ["rabbit"] = Animal, ["bunny"] = Animal, ["hamster"] = Animal, ["turtle"] = Animal, ["tortoise"] = Animal,
        ["lizard"] = Animal, ["snake"] = Animal, ["cow"] = Animal, ["sheep"] = Animal, ["chicken"] = Animal, ["duck"] = Animal,
        ["person"] = Person, ["man"] = Person, ["woman"] = Person, ["child"] = Person, ["baby"] = Person, ["boy"] = Person,
        ["girl"] = Person, ["kid"] = Person,
    };

    /// <summary>Words that make a category a picture or model of something: a plush dog may well look like a Pembroke.</summary>
    private static readonly HashSet<string> DepictionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "toy", "toys", "plush", "plushie", "plushy", "stuffed", "teddy", "doll", "figurine", "figure", "statue", "sculpture",
        "cartoon", "drawing", "painting", "picture", "print", "costume", "puppet", "model", "emoji", "ornament", "mask",
    };

    /// <summary>COCO's living classes; every other detector label is an object.</summary>
    private static readonly Dictionary<string, string> CocoKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dog"] = Dog, ["cat"] = Cat, ["person"] = Person, ["bird"] = Animal, ["horse"] = Animal, ["sheep"] = Animal,
        ["cow"] = Animal, ["elephant"] = Animal, ["bear"] = Animal, ["zebra"] = Animal, ["giraffe"] = Animal,
    };

    private readonly Dictionary<string, (string Kind, string[] Words)> _classes = new(StringComparer.OrdinalIgnoreCase);

    private LabelKinds(IEnumerable<(string Name, string Kind, string Synonyms)> classes)
    {
        foreach (var (name, kind, synonyms) in classes)
        {
            _classes.TryAdd(name, (kind, Words(synonyms)));
        }
    }

    /// <summary>No ImageNet classes: COCO labels and category words only.</summary>
    public static LabelKinds CocoOnly { get; } = new([]);

    /// <summary>
    /// From the 1000 ImageNet-1k class lines in model order (each a comma-separated list of synonyms, the first the label
    /// the classifier reports): by class index, dogs 151–268, cats 281–285, other animals the rest of 0–397, objects from 398.
    /// </summary>
    public static LabelKinds FromImageNet(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new(lines.Select((line, i) => (
            Name: line.Split(',')[0].Trim(),
            Kind: i is >= 151 and <= 268 ? Dog : i is >= 281 and <= 285 ? Cat : i <= 397 ? Animal : Object,
            Synonyms: line)).Where(c => c.Name.Length > 0));
    }

    /// <summary>
    /// The kind a label names: <paramref name="source"/> <c>detector</c> reads COCO labels (a closed list: any but the
    /// living classes is an object), <c>classifier</c> ImageNet ones; null for a label of neither list.
    /// </summary>
    public string? KindOfLabel(string label, string source) =>
        source == "detector"
            ? CocoKinds.GetValueOrDefault(label.Trim(), Object)
            : _classes.TryGetValue(label.Trim(), out var c) ? c.Kind : null;

    /// <summary>
    /// The kind a user's category names, and the classifier labels it narrows that kind to when it names a breed
    /// (<c>corgi</c>: Pembroke and Cardigan); null kind when the category is of no known kind.
    /// </summary>
    public (string? Kind, HashSet<string>? Breeds) KindOfCategory(string category)
    {
        var words = Words(category);
        if (words.Length == 0 || (words.Length == 1 && words[0] == "object"))
        {
            return (null, null); // No category given.
        }

        if (words.Any(DepictionWords.Contains))
        {
            return (Depiction, null);
        }

        var phrase = string.Join(' ', words);
        if (!CategoryWords.ContainsKey(phrase))
        {
            // A breed, species or thing the classifier knows by name ("corgi", "golden retriever", "teapot"): every class
            // whose synonyms hold the category's words in order, when they are all of one kind.
            var classes = _classes.Where(c => ContainsPhrase(c.Value.Words, words)).ToList();
            var kinds = classes.Select(c => c.Value.Kind).Distinct().ToList();
            if (kinds.Count == 1)
            {
                return kinds[0] == Object
                    ? (Object, null)
                    : (kinds[0], classes.Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase));
            }

            if (kinds.Count == 0 && IsCocoObject(phrase))
            {
                return (Object, null);
            }
        }

        // The head noun is usually last ("golden dog", "my cat").
        foreach (var word in words.Reverse())
        {
            if (CategoryWords.TryGetValue(word, out var kind))
            {
                return (kind, null);
            }
        }

        return (null, null);
    }

    /// <summary>
    /// Whether a label the detector or classifier gave contradicts the user's category: a dog that the classifier
    /// calls a tabby or a bath towel, a teapot it calls a Pembroke, a corgi it calls a golden retriever.
    /// </summary>
    public bool Contradicts(string label, string source, string category)
    {
        if (KindOfLabel(label, source) is not { } labelKind)
        {
            return false;
        }

        var (kind, breeds) = KindOfCategory(category);
        return kind switch
        {
            Dog or Cat => labelKind != kind || (breeds is not null && source == "classifier" && !breeds.Contains(label.Trim())),
            Animal => labelKind is Object or Person,
            Person => labelKind is Dog or Cat or Animal,
            Object => labelKind is Dog or Cat or Animal or Person,
            _ => false,
        };
    }

    private static readonly HashSet<string> CocoObjects = new(StringComparer.OrdinalIgnoreCase)
    {
        "bicycle", "car", "motorbike", "motorcycle", "aeroplane", "airplane", "bus", "train", "truck", "boat", "bench", "backpack",
        "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "kite", "skateboard", "surfboard", "bottle",
        "cup", "fork", "knife", "spoon", "bowl", "chair", "sofa", "bed", "toilet", "laptop", "mouse", "remote", "keyboard",
        "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "toothbrush",
    };

    private static bool IsCocoObject(string phrase) => CocoObjects.Contains(phrase);

    internal static string[] Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '-', '_', '/', '(', ')', '.', ';', '\'', '"'], StringSplitOptions.RemoveEmptyEntries);

    private static bool ContainsPhrase(string[] haystack, string[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return true;
            }
        }

        return false;
    }
}
