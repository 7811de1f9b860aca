namespace Personalization.Local.Tests.Index;

/// <summary>Float rows as the scans take them: views (here of the arrays themselves, nothing copied).</summary>
internal static class RowViews
{
    public static ReadOnlyMemory<float>[] Of(float[][] rows) => [.. rows.Select(r => new ReadOnlyMemory<float>(r))];
}
