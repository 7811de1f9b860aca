using System.ComponentModel.DataAnnotations;

namespace Personalization.Core.Feedback;

/// <summary>How much feedback a concept keeps (configuration section <c>Feedback</c>).</summary>
public sealed class FeedbackOptions
{
    public const string SectionName = "Feedback";

    /// <summary>
    /// The most references a concept keeps. Over it, the confirmed reference most like the others is dropped (the most
    /// diverse are kept); the photos the user enrolled are never dropped.
    /// </summary>
    [Range(1, 64)]
    public int MaxReferences { get; set; } = 8;

    /// <summary>The most hard negatives (rejected regions) a concept keeps; over it, the oldest is dropped.</summary>
    [Range(1, 256)]
    public int MaxNegatives { get; set; } = 20;
}
