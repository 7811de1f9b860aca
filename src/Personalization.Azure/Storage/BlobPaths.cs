using Personalization.Core.Domain;

namespace Personalization.Azure.Storage;

/// <summary>The blob naming rules, in one place: what a trigger's blob name means, and where results go.</summary>
public static class BlobPaths
{
    /// <summary>The sidecar file beside a concept's reference photos.</summary>
    public const string ConceptSidecar = "concept.json";

    /// <summary>Splits <c>{owner}/{path}</c> (an image blob) into a validated owner and the rest.</summary>
    public static bool TryParseImage(string blobName, out OwnerId owner, out string path, out string error)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        path = string.Empty;
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == blobName.Length - 1)
        {
            owner = default;
            error = $"blob '{blobName}' is not of the form {{owner}}/{{path}}";
            return false;
        }

        if (!OwnerId.TryParse(blobName[..slash], out owner, out error))
        {
            return false;
        }

        path = blobName[(slash + 1)..];
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            // Blob Storage stores '\' as '/', so "..\bob\x.jpg" would become a '..' segment once stored.
            error = $"blob path '{path}' has a backslash; use '/' between folders";
            return false;
        }

        if (path.Split('/').Any(s => s is "" or "." or ".."))
        {
            error = $"blob path '{path}' has an empty, '.' or '..' segment";
            return false;
        }

        return true;
    }

    /// <summary>Splits <c>{owner}/{concept}/{file}</c> (a reference photo or sidecar) into its parts.</summary>
    public static bool TryParseConcept(string blobName, out OwnerId owner, out ConceptName concept, out string file, out string error)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        concept = default;
        file = string.Empty;
        var parts = blobName.Split('/');
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            owner = default;
            error = $"blob '{blobName}' is not of the form {{owner}}/{{concept}}/{{file}}";
            return false;
        }

        if (!OwnerId.TryParse(parts[0], out owner, out error) || !ConceptName.TryParse(parts[1], out concept, out error))
        {
            return false;
        }

        file = parts[2];
        return true;
    }

    public static string Image(OwnerId owner, string path) => $"{owner}/{path}";

    public static string ConceptPrefix(OwnerId owner, ConceptName concept) => $"{owner}/{concept.Value}/";

    public static string Result(OwnerId owner, string path) => $"{owner}/{path}.json";

    public static string Analysis(OwnerId owner, string contentHash) => $"{owner}/{contentHash}.json";

    public static string BulkSummary(OwnerId owner, string instanceId) => $"{owner}/_bulk/{instanceId}.json";

    public static string PreferenceResult(OwnerId owner, string requestId) => $"{owner}/_preferences/{requestId}.json";

    public static string PreferenceProfile(OwnerId owner) => $"{owner}/preference-profile.json";
}
