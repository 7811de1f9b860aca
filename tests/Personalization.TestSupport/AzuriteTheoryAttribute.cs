using Xunit;

namespace Personalization.TestSupport;

/// <summary>A theory that is skipped, with the reason, when Azurite cannot be started here.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AzuriteTheoryAttribute : TheoryAttribute
{
    public AzuriteTheoryAttribute()
    {
        if (Azurite.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
