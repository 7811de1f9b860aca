using System.Diagnostics;
using System.Globalization;
using OpenTelemetry;

namespace Personalization.Hosting;

/// <summary>
/// Writes each finished span as one line to standard error (<c>trace: detect 41.2 ms items=1</c>), leaving standard
/// output to the command's results (a <c>--json</c> document stays parseable).
/// </summary>
internal sealed class StderrSpanExporter(TextWriter? writer = null) : BaseExporter<Activity>
{
    private readonly TextWriter _writer = writer ?? Console.Error;

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch)
        {
            var tags = string.Concat(span.TagObjects.Select(t => $" {t.Key}={Convert.ToString(t.Value, CultureInfo.InvariantCulture)}"));
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trace: {span.DisplayName} {span.Duration.TotalMilliseconds:F1} ms{tags}"));
        }

        _writer.Flush();
        return ExportResult.Success;
    }
}
