using Xunit;

namespace Personalization.TestSupport;

/// <summary>A theory that is skipped, with the reason, when ../shared is not beside the checkout.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (!SharedData.IsAvailable)
        {
            Skip = "needs ../shared (models and datasets) beside the checkout, or PERSONALIZATION_SHARED";
        }
    }
}
