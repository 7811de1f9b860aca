using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>Lazy <see cref="ImageSource"/>s over an <see cref="IImageStore"/>: nothing is read until a stage asks.</summary>
public static class ImageStoreSource
{
    /// <summary>An image read from the store on demand; reading fails with <see cref="FileNotFoundException"/> if it is not there.</summary>
    public static ImageSource Of(IImageStore store, OwnerId owner, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new ImageSource(contentHash, async ct =>
            await store.GetAsync(owner, contentHash, ct).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"no stored image {contentHash} for owner '{owner}'"));
    }
}
