using Xunit;

namespace Personalization.TestSupport;

/// <summary>A fact that is skipped, with the reason, when ../shared is not beside the checkout.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (!SharedData.IsAvailable)
        {
            Skip = "needs ../shared (models and datasets) beside the checkout, or PERSONALIZATION_SHARED";
        }
    }
}
