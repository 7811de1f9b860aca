namespace Personalization.Core.Feedback;

/// <summary>Feedback that was refused, with one line saying why; nothing was changed.</summary>
public sealed class FeedbackException(FeedbackFailure failure, string message) : InvalidOperationException(message)
{
    public FeedbackFailure Failure { get; } = failure;
}
