using System.Text.Json;
using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// One owner's concepts as the single JSON file of old (<c>concepts.json</c>, before segments), read and checked so
/// that <see cref="SegmentedConceptStore"/> can migrate it; also the JSON rules and damage checks its segments and
/// manifest share. A file that is not a list of this owner's concepts (<c>null</c>, another JSON
/// value, a null concept, another owner's concept, a missing or null member) is damaged: reading it throws
/// <see cref="InvalidDataException"/> with one line naming the file, so no writer ever takes it for an empty
/// index and replaces it.
/// </summary>
internal static class ConceptIndexFile
{
    // A member that is missing or null where the records do not allow it makes the file damaged, not a crash later.
    internal static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new ReferenceRegionJsonConverter() },
    };

    public static async Task<List<Concept>> ReadAsync(string file, OwnerId owner, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        List<Concept>? concepts;
        try
        {
            concepts = await JsonSerializer.DeserializeAsync<List<Concept>>(stream, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or InvalidNameException)
        {
            throw Damaged(file, OneLine(e.Message), e);
        }

        if (concepts is null)
        {
            throw Damaged(file, "it holds null, not a list of concepts");
        }

        for (var i = 0; i < concepts.Count; i++)
        {
            if (Flaw(concepts[i], owner) is { } flaw)
            {
                throw Damaged(file, $"concept {i}: {flaw}");
            }
        }

        return concepts;
    }

    /// <summary>A manifest or segment file that is damaged: moving one file away would lose the concepts the others name.</summary>
    internal static InvalidDataException DamagedStore(string file, string why, Exception? inner = null) =>
        new($"the concept index file '{file}' is damaged ({why}); nothing was changed: restore the owner's folder from a backup, or move the folder away to start this owner afresh", inner);

    internal static InvalidDataException Damaged(string file, string why, Exception? inner = null) =>
        new($"the concept index file '{file}' is damaged ({why}); nothing was changed: restore it from a backup, or move it away to start this owner afresh", inner);

    // Collections deserialise null elements even where the records do not allow them; a damaged file must not get past here.
    internal static string? Flaw(Concept? concept, OwnerId owner) => concept switch
    {
        null => "null instead of a concept",
        _ when concept.Owner != owner => $"it belongs to owner '{concept.Owner}', not '{owner}'",
        _ when concept.UserAttributes.Any(a => a is null) => "a null user attribute",
        _ when concept.Fingerprint.Any(f => f is null || f.Text is null) => "a null fingerprint attribute",
        _ when concept.References.Any(r => r is null || r.Regions is null || r.Regions.Any(g => g is null)) => "a null reference or region",
        _ when concept.Negatives is { } negatives && negatives.Any(n => n is null) => "a null hard negative",
        _ => null,
    };

    internal static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
