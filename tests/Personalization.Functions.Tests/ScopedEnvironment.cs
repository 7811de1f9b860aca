namespace Personalization.Functions.Tests;

/// <summary>Environment variables under a prefix of their own (so parallel tests see none of them), removed on dispose.</summary>
internal sealed class ScopedEnvironment : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public ScopedEnvironment(IReadOnlyDictionary<string, string> values)
    {
        _values = values;
        Prefix = $"PZ_TEST_{Guid.NewGuid():N}_";
        foreach (var (key, value) in values)
        {
            Environment.SetEnvironmentVariable(Prefix + key, value);
        }
    }

    public string Prefix { get; }

    public void Dispose()
    {
        foreach (var key in _values.Keys)
        {
            Environment.SetEnvironmentVariable(Prefix + key, null);
        }
    }
}
