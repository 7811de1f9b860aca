using Azure.Search.Documents;

namespace Personalization.Azure.Search;

/// <summary>
/// OData filters, built with <see cref="SearchFilter.Create"/> so every value is quoted and escaped (a quote in
/// a value is doubled): no value can end the literal and change the filter.
/// </summary>
public static class SearchFilters
{
    public static string Owner(string owner) => SearchFilter.Create($"owner eq {owner}");

    public static string OwnerAndKind(string owner, string kind) => SearchFilter.Create($"owner eq {owner} and kind eq {kind}");

    /// <summary>An image document of the owner's in which the concept (by key) was recognised.</summary>
    public static string OwnerAndRecognized(string owner, string conceptKey) => SearchFilter.Create($"owner eq {owner} and conceptKeys/any(c: c eq {conceptKey})");

    public static string OwnerAndConcept(string owner, string conceptKey) => SearchFilter.Create($"owner eq {owner} and concept eq {conceptKey}");
}
