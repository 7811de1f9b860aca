namespace Personalization.Cli.Tests.Reporting;

/// <summary>A fact that needs Debian's chromium (installed by .ci/run) but no models: it renders a page made up in memory.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumOnlyFactAttribute : FactAttribute
{
    public ChromiumOnlyFactAttribute()
    {
        if (HeadlessChromium.Path is null)
        {
            Skip = "needs chromium (apt-get install chromium; .ci/run installs it)";
        }
    }
}
