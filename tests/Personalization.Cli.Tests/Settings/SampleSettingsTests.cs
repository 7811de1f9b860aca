using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Personalization.Cli.Tests.Settings;

/// <summary>
/// <c>local.settings.sample.json</c> is the one list of settings users copy: every bindable property of every options
/// class (a class with a <c>SectionName</c> constant) must be in it, as <c>Section__Property</c>.
/// </summary>
public sealed class SampleSettingsTests
{
    [Fact]
    public void SampleSettings_ListEveryOptionsProperty()
    {
        var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "local.settings.sample.json")))
            .RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var sections = SettingKeys.OptionSections.Select(x => (Type: x.Value, Section: x.Key)).ToList();
        var missing = sections
            .SelectMany(x => x.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
                .Select(p => $"{x.Section}__{p.Name}"))
            .Where(key => !sample.Contains(key) && !sample.Any(k => k.StartsWith(key + "__", StringComparison.Ordinal)))
            .ToList();

        Assert.True(sections.Count >= 12, $"found only {sections.Count} options classes");
        Assert.True(missing.Count == 0, "missing from local.settings.sample.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void SampleSettings_PassTheSettingsCheckAsSetArguments()
    {
        var values = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "local.settings.sample.json")))
            .RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.ToString());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        SettingKeys.Check(configuration, values.Keys);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
