using Personalization.Core.Domain;

namespace Personalization.Core.Enrollment;

/// <summary>An enrolment names an existing concept with another category and did not ask to change it; nothing was written.</summary>
public sealed class CategoryConflictException(ConceptName name, string existingCategory, string requestedCategory)
    : InvalidOperationException($"<{name}> is already enrolled as a {existingCategory}, not a {requestedCategory}; changing its category must be asked for (or use another name)")
{
    public ConceptName Name { get; } = name;

    public string ExistingCategory { get; } = existingCategory;

    public string RequestedCategory { get; } = requestedCategory;
}
