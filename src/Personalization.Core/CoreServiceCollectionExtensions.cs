using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Personalization.Core.Answering;
using Personalization.Core.Diagnostics;
using Personalization.Core.Enrollment;
using Personalization.Core.Feedback;
using Personalization.Core.Recognition;

namespace Personalization.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The application services: retrieval, verification, recognition, enrolment, feedback, and their options.</summary>
    public static IServiceCollection AddPersonalizationCore(this IServiceCollection services)
    {
        services.AddOptions<RecognitionOptions>().BindConfiguration(RecognitionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PipelineMetrics>();
        services.TryAddSingleton<StageTimings>();
        services.TryAddSingleton<Intake.ImageIntake>();
        services.TryAddSingleton<ReasoningUsage>();
        services.TryAddSingleton<CandidateRetriever>();
        services.TryAddSingleton<CrossModalVerifier>();
        services.TryAddSingleton<RecognitionService>();
        services.TryAddSingleton<EnrollmentService>();
        services.TryAddSingleton<FeedbackService>();
        services.TryAddSingleton<Preference.PreferenceService>();
        services.TryAddSingleton<QuestionService>();
        return services;
    }
}
