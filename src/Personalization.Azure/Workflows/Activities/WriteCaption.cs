using Microsoft.DurableTask;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>Writes the caption that names the recognised concepts (nothing is stored: the caption goes into the result). Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class WriteCaption(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<UploadStepInput<CaptionStepInput>, CaptionResult>
{
    public override Task<CaptionResult> RunAsync(TaskActivityContext context, UploadStepInput<CaptionStepInput> input) => work.CaptionAsync(input, stopping.Token);
}
