using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Personalization.Azure.Handlers;
using Personalization.Azure.Http;
using Personalization.Azure.Workflows;

namespace Personalization.Cli.Serve;

public static class ServeHostExtensions
{
    /// <summary>
    /// The HTTP API's handlers over local ports: enrolment at once, photos and results in the data folder, recognition and
    /// preference requests on in-process queues, their status in <see cref="LocalJobs"/>. Register before <c>AddPersonalization</c>,
    /// which adds the services these use.
    /// </summary>
    public static IHostApplicationBuilder AddLocalHttpApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddMvcCore(); // executes the handlers' action results, as the Functions host does
        services.AddOptions<PreferenceRequestOptions>().BindConfiguration(PreferenceRequestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ServeDataPaths>();
        services.TryAddSingleton<LocalJobs>();
        services.TryAddSingleton<IJobStatuses>(sp => sp.GetRequiredService<LocalJobs>());
        services.TryAddSingleton<RecognitionQueue>();
        services.TryAddSingleton<IPhotoSubmissions>(sp => sp.GetRequiredService<RecognitionQueue>());
        services.TryAddSingleton<PreferenceQueue>();
        services.TryAddSingleton<IPreferenceJobs>(sp => sp.GetRequiredService<PreferenceQueue>());
        services.TryAddSingleton<IUploadedPhotos, FileUploadedPhotos>();
        services.TryAddSingleton<IReferencePhotos, DirectReferencePhotos>();
        services.TryAddSingleton<IOwnerImages, UploadedOwnerImages>();
        services.TryAddSingleton<PreferenceSteps>();
        services.AddHostedService<RecognitionQueueWorker>();
        services.AddHostedService<PreferenceQueueWorker>();
        services.AddHttpApi();
        return builder;
    }
}
