namespace Personalization.Core.Domain;

/// <summary>Where a concept's reference came from (<see cref="ConceptReference.Origin"/>).</summary>
public static class ReferenceOrigins
{
    /// <summary>A photo the user enrolled.</summary>
    public const string Enrolled = "enrolled";

    /// <summary>A region of a recognised photo the user confirmed.</summary>
    public const string Confirmed = "confirmed";
}
