namespace Personalization.Core.Domain;

/// <summary>An owner with no enrolled concepts was asked to recognise something.</summary>
public sealed class UnknownOwnerException(OwnerId owner)
    : InvalidOperationException($"owner '{owner}' has no enrolled concepts; enrol some with 'personalize enroll' first")
{
    public OwnerId Owner { get; } = owner;
}
