namespace Personalization.Core.Feedback;

/// <summary>Why feedback was refused (<see cref="FeedbackException.Failure"/>); hosts map it to an exit code or status.</summary>
public enum FeedbackFailure
{
    /// <summary>The owner has no such concept (never enrolled, or forgotten).</summary>
    UnknownConcept,

    /// <summary>The owner has no such photo.</summary>
    UnknownPhoto,

    /// <summary>The feedback does not say which region it is about (no box, and no result that gives one).</summary>
    NoRegion,

    /// <summary>The photo cannot be read, does not decode, or the box does not fit it.</summary>
    BadPhoto,

    /// <summary>The photo's bytes differ from the ones the result was made from.</summary>
    PhotoChanged,

    /// <summary>The feedback contradicts what the concept is: a rejected region the user enrolled, a concept already
    /// holding as many enrolled references as the bound allows, vectors of other encoders.</summary>
    Conflict,
}
