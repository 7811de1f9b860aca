using Personalization.Cli.Evaluation;

namespace Personalization.Cli.Reporting;

/// <summary>
/// Every concept the report mentions (the summary's, then any other truth or answer, by name), numbered so that CSS
/// classes, ids and filters never carry a user's text: concept <c>i</c> is class <c>c-i</c> and index row <c>concept-i</c>.
/// Names compare case-insensitively, as concept names do.
/// </summary>
internal sealed class ConceptIndex
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _names = [];

    public ConceptIndex(IEnumerable<ReportItem> items, SummaryDocument? summary)
    {
        foreach (var name in summary?.PerConcept.Select(p => p.Concept) ?? [])
        {
            Add(name);
        }

        var rest = items.SelectMany(i => new[] { i.Item.Truth, i.Answer }).OfType<string>().Where(n => !_numbers.ContainsKey(n)).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var name in rest.Order(StringComparer.OrdinalIgnoreCase))
        {
            Add(name);
        }
    }

    public IReadOnlyList<string> Names => _names;

    public int? NumberOf(string? name) => name is not null && _numbers.TryGetValue(name, out var n) ? n : null;

    public static string RowId(int number) => $"concept-{number}";

    private void Add(string name)
    {
        if (_numbers.TryAdd(name, _names.Count))
        {
            _names.Add(name);
        }
    }
}
