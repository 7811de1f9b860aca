using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Personalization.Core.Ports;
using Personalization.Local.Index;
using Personalization.Local.Storage;

namespace Personalization.Local;

public static class LocalServiceCollectionExtensions
{
    /// <summary>The embedded defaults: the on-disk concept and image indexes, the image store, the preference profiles and an in-process analysis store.</summary>
    public static IServiceCollection AddEmbeddedDefaults(this IServiceCollection services)
    {
        services.AddOptions<LocalDataOptions>().BindConfiguration(LocalDataOptions.SectionName);
        services.TryAddSingleton<IConceptIndex, EmbeddedConceptIndex>();
        services.TryAddSingleton<IImageAnalysisStore, InMemoryImageAnalysisStore>();
        services.TryAddSingleton<Core.Preference.IPreferenceProfileStore, FilePreferenceProfileStore>();
        services.TryAddSingleton<IImageStore, FileSystemImageStore>();
        services.TryAddSingleton<IImageIndex, EmbeddedImageIndex>();
        return services;
    }
}
