using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Reporting;

/// <summary>A fact that needs ../shared and Debian's chromium (installed by .ci/run); skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!SharedData.IsAvailable)
        {
            Skip = "needs ../shared (models and datasets) beside the checkout";
        }
        else if (HeadlessChromium.Path is null)
        {
            Skip = "needs chromium (apt-get install chromium; .ci/run installs it)";
        }
    }
}
