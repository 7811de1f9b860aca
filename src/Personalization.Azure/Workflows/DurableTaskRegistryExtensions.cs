using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

public static class DurableTaskRegistryExtensions
{
    /// <summary>
    /// Registers the orchestrations and activities under their <see cref="ActivityNames"/>: used by the CLI's
    /// local worker and by the tests, so both run the very definitions the Functions app binds.
    /// </summary>
    public static DurableTaskRegistry AddPersonalizationTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<RecognitionOrchestrator>(ActivityNames.RecognizeImage)
            .AddOrchestrator<BulkOrchestrator>(ActivityNames.BulkRecognize)
            .AddOrchestrator<BulkBatchOrchestrator>(ActivityNames.BulkBatch)
            .AddOrchestrator<PreferenceOrchestrator>(ActivityNames.JudgePreferences)
            .AddActivity<RetrieveCandidatesActivity>(ActivityNames.RetrieveCandidates)
            .AddActivity<ReasonAttributesActivity>(ActivityNames.ReasonAttributes)
            .AddActivity<VerifyCrossModalActivity>(ActivityNames.VerifyCrossModal)
            .AddActivity<ComparePairActivity>(ActivityNames.ComparePair)
            .AddActivity<WriteCaptionActivity>(ActivityNames.WriteCaption)
            .AddActivity<WriteResultActivity>(ActivityNames.WriteResult)
            .AddActivity<PublishResultEventActivity>(ActivityNames.PublishResultEvent)
            .AddActivity<ListImagesActivity>(ActivityNames.ListImages)
            .AddActivity<AnalyzeImagesActivity>(ActivityNames.AnalyzeImages)
            .AddActivity<WriteBulkSummaryActivity>(ActivityNames.WriteBulkSummary)
            .AddActivity<PredictProfileActivity>(ActivityNames.PredictProfile)
            .AddActivity<AssessPairActivity>(ActivityNames.AssessPair)
            .AddActivity<WritePreferenceResultActivity>(ActivityNames.WritePreferenceResult);
    }
}
