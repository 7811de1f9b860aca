using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// One concept of an owner's index as retrieval sees it: its name, its region image rows and its description vector
/// (views of a mapped segment, or a written concept's own vectors), where its rows' int8 copy lies when the segment
/// holds one, and the <see cref="Concept"/> record itself, which for a concept read from a segment's directory is
/// parsed from its JSON only when first asked for, then kept. Immutable; thread-safe.
/// </summary>
internal sealed class StoredConcept
{
    private readonly Lazy<Concept> _concept;

    private StoredConcept(ConceptName name, ReadOnlyMemory<float>[] imageRows, ReadOnlyMemory<float> description, long floats, Lazy<Concept> concept, QuantizedRows? int8, int int8Start)
    {
        Name = name;
        Floats = floats;
        ImageRows = imageRows;
        Description = description;
        _concept = concept;
        Int8 = int8;
        Int8Start = int8Start;
    }

    public ConceptName Name { get; }

    /// <summary>Each region's image vector, in <see cref="Concept.AllRegions"/> order.</summary>
    public ReadOnlyMemory<float>[] ImageRows { get; }

    public ReadOnlyMemory<float> Description { get; }

    /// <summary>Floats all its vectors hold (<see cref="ConceptVectors.Of"/>), what it takes in a segment.</summary>
    public long Floats { get; }

    /// <summary>The block holding this concept's image rows as int8 (rows <see cref="Int8Start"/>.. of it), or null.</summary>
    public QuantizedRows? Int8 { get; }

    public int Int8Start { get; }

    /// <summary>The concept, parsed now if it was not (a damaged entry throws <see cref="InvalidDataException"/> naming its file).</summary>
    public Concept Concept => _concept.Value;

    /// <summary>Whether <see cref="Concept"/> has been made (always, for a concept that was not read from a directory).</summary>
    public bool IsParsed => _concept.IsValueCreated;

    /// <summary>A concept already in memory (written now, or read from a format without a directory).</summary>
    public static StoredConcept Of(Concept concept)
    {
        ArgumentNullException.ThrowIfNull(concept);
        return new(concept.Name, [.. concept.AllRegions.Select(r => r.ImageVector)], concept.DescriptionVector, ConceptVectors.Of(concept).Sum(v => (long)v.Length), new Lazy<Concept>(concept), null, 0);
    }

    /// <summary>A concept known by its directory entry, parsed by <paramref name="parse"/> when asked for.</summary>
    public static StoredConcept Lazy(ConceptName name, ReadOnlyMemory<float>[] imageRows, ReadOnlyMemory<float> description, long floats, Func<Concept> parse, QuantizedRows? int8, int int8Start)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(name, imageRows, description, floats, new Lazy<Concept>(parse, LazyThreadSafetyMode.ExecutionAndPublication), int8, int8Start);
    }
}
