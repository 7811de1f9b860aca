using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Workflows;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Functions;

/// <summary>
/// The activity functions: one line each over the services the activity classes (<c>Personalization.Azure.Workflows</c>,
/// which the local worker registers by convention) call, under the class's name and with its input and output types
/// (ActivitySurfaceTests checks that the two agree). Microsoft.DurableTask.Generators, which would generate these, is not
/// available to this project.
/// </summary>
public sealed class Activities(RecognitionActivities recognition, BulkActivities bulk, PreferenceActivities preferences)
{
    [Function(nameof(RetrieveCandidates))]
    public Task<RetrievalStep> RetrieveCandidates([ActivityTrigger] RetrieveStepInput input, CancellationToken cancellationToken) => recognition.RetrieveAsync(input, cancellationToken);

    [Function(nameof(ReasonAttributes))]
    public Task<AttributeReasoning> ReasonAttributes([ActivityTrigger] UploadStepInput<ReasonStepInput> input, CancellationToken cancellationToken) => recognition.ReasonAsync(input, cancellationToken);

    [Function(nameof(VerifyCrossModal))]
    public Task<VerificationStep> VerifyCrossModal([ActivityTrigger] VerifyStepInput input, CancellationToken cancellationToken) => recognition.VerifyAsync(input, cancellationToken);

    [Function(nameof(ComparePair))]
    public Task<PairwiseJudgement> ComparePair([ActivityTrigger] UploadStepInput<PairStepInput> input, CancellationToken cancellationToken) => recognition.ComparePairAsync(input, cancellationToken);

    [Function(nameof(WriteCaption))]
    public Task<CaptionResult> WriteCaption([ActivityTrigger] UploadStepInput<CaptionStepInput> input, CancellationToken cancellationToken) => recognition.CaptionAsync(input, cancellationToken);

    [Function(nameof(WriteResult))]
    public Task<string> WriteResult([ActivityTrigger] WriteResultInput input, CancellationToken cancellationToken) => recognition.WriteResultAsync(input, cancellationToken);

    [Function(nameof(PublishResultEvent))]
    public async Task<bool> PublishResultEvent([ActivityTrigger] ResultEvent input, CancellationToken cancellationToken)
    {
        await recognition.PublishAsync(input, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [Function(nameof(ListImages))]
    public Task<IReadOnlyList<string>> ListImages([ActivityTrigger] ListImagesInput input, CancellationToken cancellationToken) => bulk.ListImagesAsync(input, cancellationToken);

    [Function(nameof(AnalyzeImages))]
    public Task<IReadOnlyList<IngestedImage>> AnalyzeImages([ActivityTrigger] AnalyzeImagesInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        bulk.AnalyzeImagesAsync(input, client, cancellationToken);

    [Function(nameof(CheckUploadRecognitions))]
    public Task<IReadOnlyList<IngestedImage>> CheckUploadRecognitions([ActivityTrigger] UploadChecksInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        bulk.CheckUploadsAsync(input, client, cancellationToken);

    [Function(nameof(WriteBulkSummary))]
    public Task<string> WriteBulkSummary([ActivityTrigger] BulkSummaryInput input, CancellationToken cancellationToken) => bulk.WriteSummaryAsync(input, cancellationToken);

    [Function(nameof(PredictProfile))]
    public Task<ProfileStep> PredictProfile([ActivityTrigger] PredictProfileInput input, CancellationToken cancellationToken) => preferences.PredictProfileAsync(input, cancellationToken);

    [Function(nameof(AssessPair))]
    public Task<PairOutcome> AssessPair([ActivityTrigger] AssessPairInput input, CancellationToken cancellationToken) => preferences.AssessPairAsync(input, cancellationToken);

    [Function(nameof(WritePreferenceResult))]
    public Task<string> WritePreferenceResult([ActivityTrigger] PreferenceResultInput input, CancellationToken cancellationToken) => preferences.WriteResultAsync(input, cancellationToken);
}
