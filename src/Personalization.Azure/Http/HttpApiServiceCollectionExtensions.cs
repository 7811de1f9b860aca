using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Personalization.Azure.Handlers;

namespace Personalization.Azure.Http;

public static class HttpApiServiceCollectionExtensions
{
    /// <summary>
    /// The HTTP API's handlers. The host registers its ports first (<see cref="IReferencePhotos"/>, <see cref="IPhotoSubmissions"/>,
    /// <see cref="IUploadedPhotos"/>): the Azure workflow its blob ones, <c>personalize serve</c> its local ones.
    /// </summary>
    public static IServiceCollection AddHttpApi(this IServiceCollection services)
    {
        services.TryAddSingleton<ConceptEndpoints>();
        services.TryAddSingleton<ImageEndpoints>();
        services.TryAddSingleton<FeedbackEndpoints>();
        services.TryAddSingleton<PreferenceEndpoints>();
        services.TryAddSingleton<FeedbackHandler>();
        return services;
    }
}
