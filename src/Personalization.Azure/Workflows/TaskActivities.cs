using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

// The activities as durable task classes, for hosts that register classes (the CLI's local worker, the tests).
// Each is one line over the service that does the work; the Functions app binds the same service methods with
// [ActivityTrigger]. The token is the host's: these activities take none of their own.

internal sealed class RetrieveCandidatesActivity(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<RetrieveStepInput, RetrievalStep>
{
    public override Task<RetrievalStep> RunAsync(TaskActivityContext context, RetrieveStepInput input) => work.RetrieveAsync(input, stopping.Token);
}

internal sealed class ReasonAttributesActivity(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<UploadStepInput<ReasonStepInput>, AttributeReasoning>
{
    public override Task<AttributeReasoning> RunAsync(TaskActivityContext context, UploadStepInput<ReasonStepInput> input) => work.ReasonAsync(input, stopping.Token);
}

internal sealed class VerifyCrossModalActivity(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<VerifyStepInput, VerificationStep>
{
    public override Task<VerificationStep> RunAsync(TaskActivityContext context, VerifyStepInput input) => work.VerifyAsync(input, stopping.Token);
}

internal sealed class ComparePairActivity(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<UploadStepInput<PairStepInput>, PairwiseJudgement>
{
    public override Task<PairwiseJudgement> RunAsync(TaskActivityContext context, UploadStepInput<PairStepInput> input) => work.ComparePairAsync(input, stopping.Token);
}

internal sealed class WriteCaptionActivity(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<UploadStepInput<CaptionStepInput>, CaptionResult>
{
    public override Task<CaptionResult> RunAsync(TaskActivityContext context, UploadStepInput<CaptionStepInput> input) => work.CaptionAsync(input, stopping.Token);
}

internal sealed class WriteResultActivity(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<WriteResultInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, WriteResultInput input) => work.WriteResultAsync(input, stopping.Token);
}

internal sealed class PublishResultEventActivity(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<ResultEvent, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ResultEvent input)
    {
        await work.PublishAsync(input, stopping.Token).ConfigureAwait(false);
        return true;
    }
}

internal sealed class ListImagesActivity(BulkActivities work, WorkerStopping stopping) : TaskActivity<ListImagesInput, IReadOnlyList<string>>
{
    public override Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, ListImagesInput input) => work.ListImagesAsync(input, stopping.Token);
}

internal sealed class AnalyzeImagesActivity(BulkActivities work, DurableTaskClient client, WorkerStopping stopping) : TaskActivity<AnalyzeImagesInput, IReadOnlyList<IngestedImage>>
{
    public override Task<IReadOnlyList<IngestedImage>> RunAsync(TaskActivityContext context, AnalyzeImagesInput input) => work.AnalyzeImagesAsync(input, client, stopping.Token);
}

internal sealed class WriteBulkSummaryActivity(BulkActivities work, WorkerStopping stopping) : TaskActivity<BulkSummaryInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, BulkSummaryInput input) => work.WriteSummaryAsync(input, stopping.Token);
}

internal sealed class PredictProfileActivity(PreferenceActivities work, WorkerStopping stopping) : TaskActivity<PredictProfileInput, ProfileStep>
{
    public override Task<ProfileStep> RunAsync(TaskActivityContext context, PredictProfileInput input) => work.PredictProfileAsync(input, stopping.Token);
}

internal sealed class AssessPairActivity(PreferenceActivities work, WorkerStopping stopping) : TaskActivity<AssessPairInput, PairOutcome>
{
    public override Task<PairOutcome> RunAsync(TaskActivityContext context, AssessPairInput input) => work.AssessPairAsync(input, stopping.Token);
}

internal sealed class WritePreferenceResultActivity(PreferenceActivities work, WorkerStopping stopping) : TaskActivity<PreferenceResultInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, PreferenceResultInput input) => work.WriteResultAsync(input, stopping.Token);
}
