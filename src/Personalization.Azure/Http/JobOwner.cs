using System.Text.Json;

namespace Personalization.Azure.Http;

/// <summary>Reads the owner from an orchestration's serialized input (a recognition's image, or a bulk or preference request).</summary>
internal static class JobOwner
{
    public static string? Of(string? serializedInput)
    {
        if (string.IsNullOrEmpty(serializedInput))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(serializedInput);
        var root = doc.RootElement;
        if (Find(root, "Owner") is { } owner)
        {
            return owner;
        }

        return Find(root, "Image") is null && root.TryGetProperty("image", out var image) ? Find(image, "Owner") :
            root.TryGetProperty("Image", out var img) ? Find(img, "Owner") : null;
    }

    private static string? Find(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }
}
