using Personalization.Cli.Tests.Reporting;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Serve;

/// <summary>
/// A fact that needs ../shared, Debian's chromium, node and playwright-core in .ci/node (scripts/prerequisites.sh installs
/// the last); skipped with the reason otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PlaywrightFactAttribute : FactAttribute
{
    public PlaywrightFactAttribute()
    {
        if (!SharedData.IsAvailable)
        {
            Skip = "needs ../shared (models and datasets) beside the checkout";
        }
        else if (HeadlessChromium.Path is null)
        {
            Skip = "needs chromium (apt-get install chromium; scripts/prerequisites.sh installs it)";
        }
        else if (Playwright.Node is null)
        {
            Skip = "needs node on PATH (apt-get install nodejs)";
        }
        else if (Playwright.CorePackage is null)
        {
            Skip = "needs playwright-core in .ci/node (scripts/prerequisites.sh installs it)";
        }
    }
}
