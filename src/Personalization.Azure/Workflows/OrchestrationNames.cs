namespace Personalization.Azure.Workflows;

/// <summary>
/// The names of the orchestrations, shared by the Functions app and the local worker. (An activity's name is its class's
/// name: <c>nameof(RetrieveCandidates)</c>; see <see cref="DurableTaskRegistryExtensions"/>.)
/// </summary>
public static class OrchestrationNames
{
    public const string RecognizeImage = "RecognizeImage";
    public const string BulkRecognize = "BulkRecognize";
    public const string BulkBatch = "BulkBatch";
    public const string JudgePreferences = "JudgePreferences";
}
