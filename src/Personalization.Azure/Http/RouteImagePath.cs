using Personalization.Azure.Storage;
using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>An image path from a route or a request body, checked before it names any blob or file.</summary>
public static class RouteImagePath
{
    /// <summary>
    /// The route's owner and image path as a path under that owner. Beyond <see cref="BlobPaths.TryParseImage"/>
    /// (which refuses backslashes and empty, '.' or '..' segments), the percent-decoded path must pass it too
    /// (<c>..%2Fbob%2Fx.jpg</c>, <c>..%5Cbob</c>): a proxy or a later reader may decode it once more. Control characters
    /// are refused (they would end up in file names and logs).
    /// </summary>
    public static bool TryParse(string owner, string? path, out OwnerId id, out string imagePath, out string error)
    {
        if (!BlobPaths.TryParseImage($"{owner}/{path}", out id, out imagePath, out error))
        {
            return false;
        }

        var decoded = Uri.UnescapeDataString(imagePath);
        if (decoded != imagePath && !BlobPaths.TryParseImage($"{owner}/{decoded}", out _, out _, out error))
        {
            error = $"image path '{imagePath}' decodes to '{decoded}': {error}";
            return false;
        }

        if (imagePath.Length > 512 || imagePath.Any(char.IsControl) || decoded.Any(char.IsControl))
        {
            error = "image path is longer than 512 characters or has control characters";
            return false;
        }

        return true;
    }
}
