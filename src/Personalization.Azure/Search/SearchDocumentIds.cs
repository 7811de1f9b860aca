using System.Security.Cryptography;
using System.Text;
using Personalization.Core.Domain;

namespace Personalization.Azure.Search;

/// <summary>Document keys: stable, so upserts replace; hashed, so any owner id or name is a valid key.</summary>
internal static class SearchDocumentIds
{
    public static string Concept(OwnerId owner, ConceptName name) => "c-" + Hash($"{owner}\n{name.Key}");

    public static string Region(OwnerId owner, ConceptName name, int index) => $"r-{Hash($"{owner}\n{name.Key}")}-{index}";

    public static string Image(OwnerId owner, string contentHash) => "i-" + Hash($"{owner}\n{contentHash}");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
