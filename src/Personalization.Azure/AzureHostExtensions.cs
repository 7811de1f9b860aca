using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalization.Azure.Events;
using Personalization.Azure.Handlers;
using Personalization.Azure.Http;
using Personalization.Azure.Messaging;
using Personalization.Azure.Search;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;
using Personalization.Core.Ports;
using Personalization.Core.Preference;

namespace Personalization.Azure;

public static class AzureHostExtensions
{
    /// <summary>
    /// The event-driven workflow over Azure Storage: the blob-backed analysis store (shared between activities),
    /// the trigger handlers, the activities' services, and, when their sections are configured, Azure AI Search and
    /// Service Bus. The stores it brings replace <c>AddPersonalization</c>'s embedded defaults whichever is called first
    /// (the defaults only fill what is left; these remove what is there). Identity: <see cref="DefaultAzureCredential"/>
    /// wherever no connection string is set.
    /// </summary>
    public static IHostApplicationBuilder AddAzureWorkflow(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BulkOptions>().BindConfiguration(BulkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PreferenceRequestOptions>().BindConfiguration(PreferenceRequestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton(sp => new StorageClients(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TokenCredential>()));
        services.AddHostedService<StorageInitializer>();
        services.RemoveAll<IImageAnalysisStore>().AddSingleton<IImageAnalysisStore>(sp => new CachingImageAnalysisStore(new BlobImageAnalysisStore(sp.GetRequiredService<StorageClients>())));
        services.RemoveAll<IPreferenceProfileStore>().AddSingleton<IPreferenceProfileStore, BlobPreferenceProfileStore>();

        services.TryAddSingleton<ImageIngestion>();
        services.TryAddSingleton<ExistingResults>();
        services.TryAddSingleton<RecognitionActivities>();
        services.TryAddSingleton<BulkActivities>();
        services.TryAddSingleton<IOwnerImages, BlobOwnerImages>();
        services.TryAddSingleton<PreferenceSteps>();
        services.TryAddSingleton<PreferenceActivities>();
        services.TryAddSingleton<WorkerStopping>();
        services.TryAddSingleton<ImageBlobHandler>();
        services.TryAddSingleton<ConceptBlobHandler>();
        services.TryAddSingleton<BulkRequestHandler>();
        services.TryAddSingleton<PreferenceRequestHandler>();
        services.TryAddSingleton<ConceptCatalog>();
        services.TryAddSingleton<IReferencePhotos, BlobReferencePhotos>();
        services.TryAddSingleton<IPhotoSubmissions, BlobPhotoSubmissions>();
        services.TryAddSingleton<IUploadedPhotos, BlobUploadedPhotos>();
        services.AddHttpApi();

        builder.AddAzureSearch();
        builder.AddServiceBus();
        services.TryAddSingleton<IResultEventPublisher, NullResultEventPublisher>();
        return builder;
    }
}
