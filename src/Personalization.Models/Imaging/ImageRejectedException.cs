namespace Personalization.Models.Imaging;

/// <summary>An input that is not a usable image: empty, too large, not an image format, or corrupt. The message is one line.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);
