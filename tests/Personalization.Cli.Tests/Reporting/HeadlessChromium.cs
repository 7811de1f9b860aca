using System.Diagnostics;

namespace Personalization.Cli.Tests.Reporting;

/// <summary>Debian's Chromium, headless, with the flags this sandbox needs (no sandbox, no GPU, no background networking).</summary>
internal static class HeadlessChromium
{
    public static string? Path { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    /// <summary>Runs Chromium on <paramref name="url"/> with extra arguments; returns its standard output.</summary>
    public static async Task<string> RunAsync(string url, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        try
        {
            var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("chromium is not installed"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}" }.Concat(arguments).Append(url))
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish in 90 s: " + await stderr);
            }

            return await stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
