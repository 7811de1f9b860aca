using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

public static class DurableTaskRegistryExtensions
{
    /// <summary>
    /// Every activity class of this assembly (a <see cref="ITaskActivity"/>), each under its class name, the name the
    /// orchestrators call it by (<c>nameof</c>) and the Functions app binds it under: adding an activity is adding its class.
    /// </summary>
    public static IReadOnlyList<Type> ActivityTypes { get; } =
        [.. typeof(DurableTaskRegistryExtensions).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITaskActivity).IsAssignableFrom(t)).OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Registers the orchestrations under their <see cref="OrchestrationNames"/> and the activities by convention
    /// (<see cref="ActivityTypes"/>): used by the CLI's local worker and by the tests, so both run the very definitions
    /// the Functions app binds.
    /// </summary>
    public static DurableTaskRegistry AddPersonalizationTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator<RecognitionOrchestrator>(OrchestrationNames.RecognizeImage)
            .AddOrchestrator<BulkOrchestrator>(OrchestrationNames.BulkRecognize)
            .AddOrchestrator<BulkBatchOrchestrator>(OrchestrationNames.BulkBatch)
            .AddOrchestrator<PreferenceOrchestrator>(OrchestrationNames.JudgePreferences);
        foreach (var activity in ActivityTypes)
        {
            registry.AddActivity(activity.Name, activity);
        }

        return registry;
    }
}
