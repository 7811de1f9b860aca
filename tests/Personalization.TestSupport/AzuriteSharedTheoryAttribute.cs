using Xunit;

namespace Personalization.TestSupport;

/// <summary>A theory that needs both Azurite and ../shared (models); skipped with the reason when either is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AzuriteSharedTheoryAttribute : TheoryAttribute
{
    public AzuriteSharedTheoryAttribute()
    {
        if (Azurite.Unavailable is { } reason)
        {
            Skip = reason;
        }
        else if (!SharedData.IsAvailable)
        {
            Skip = "needs ../shared (models and datasets) beside the checkout, or PERSONALIZATION_SHARED";
        }
    }
}
