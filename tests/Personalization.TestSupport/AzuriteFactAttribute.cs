using Xunit;

namespace Personalization.TestSupport;

/// <summary>A fact that is skipped, with the reason, when Azurite cannot be started here.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        if (Azurite.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
