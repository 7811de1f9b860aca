namespace Personalization.Functions.Tests;

internal static class Owners
{
    /// <summary>An owner id of this test alone, e.g. <c>alice-1f2e3d4c</c>.</summary>
    public static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
}
