using Personalization.Cli.Tests.Reporting;

namespace Personalization.Cli.Tests.Serve;

/// <summary>
/// The web page of <c>personalize serve</c> in a real browser (Debian's Chromium through playwright-core, Serve/serve-page.mjs):
/// enrol a DreamBooth subject by drawing its box, upload three photos, the concept page, confirm and reject, a result's
/// decision trail, and a second owner who sees nothing. Screenshots: <c>screenshots/serve-page/</c> in the test output folder.
/// </summary>
public sealed class ServePageTests
{
    [PlaywrightFact]
    public async Task Page_EnrolByBoxUploadFindConfirmReject_AndASecondOwnerSeesNothing()
    {
        var photos = Directory.CreateTempSubdirectory("serve-page-photos-");
        var data = Directory.CreateTempSubdirectory("serve-page-data-");
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots", "serve-page");
        Directory.CreateDirectory(screenshots);
        try
        {
            // Distinct names: the page uploads each photo under web/{file name}.
            string Copy(string subject, string file, string name)
            {
                var target = Path.Combine(photos.FullName, name);
                File.Copy(ServeFixture.DreamBooth(subject, file), target);
                return target;
            }

            var reference = Copy("dog", "00.jpg", "bo-reference.jpg");
            var subject = new[] { Copy("dog", "01.jpg", "bo-1.jpg"), Copy("dog", "02.jpg", "bo-2.jpg") };
            var other = Copy("teapot", "00.jpg", "teapot.jpg");
            await using var serve = await ServeProcess.StartAsync(data.FullName);

            var (exit, output) = await Playwright.RunAsync(Path.Combine(AppContext.BaseDirectory, "Serve", "serve-page.mjs"), new Dictionary<string, string>
            {
                ["BASE_URL"] = serve.BaseUri.ToString(),
                ["SCREENSHOTS"] = screenshots,
                ["REFERENCE"] = reference,
                ["SUBJECT_PHOTOS"] = string.Join(':', subject),
                ["OTHER_PHOTO"] = other,
                ["CHROMIUM"] = HeadlessChromium.Path!,
            });

            Assert.True(exit == 0, $"the page test failed ({exit}):\n{output}\nserve:\n{serve.Log}");
            Assert.Contains("ok: <bo> found in", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(screenshots, "4-gallery.png")));
        }
        finally
        {
            photos.Delete(recursive: true);
            data.Delete(recursive: true);
        }
    }
}
