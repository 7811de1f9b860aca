using Personalization.Core.Domain;

namespace Personalization.Core.Recognition;

/// <summary>One input's outcome: a result with the analysis it came from, or a one-line error.</summary>
public sealed record RecognitionOutcome(string Id, RecognitionResult? Result, ImageAnalysis? Analysis, string? Error)
{
    public bool Succeeded => Result is not null;
}
