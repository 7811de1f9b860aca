using System.Diagnostics;

namespace Personalization.Cli.Output;

/// <summary>Draws "done/total, rate, ETA" on the terminal's status line (cleared when done); silent when not interactive.</summary>
internal sealed class ProgressReporter(CliConsole console, string label, int total)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private int _done;

    public void Advance()
    {
        _done++;
        if (console.Status is not { } status)
        {
            return;
        }

        if (_done >= total)
        {
            status.Clear();
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        var rate = elapsed > 0 ? _done / elapsed : 0;
        var eta = rate > 0 ? (total - _done) / rate : 0;
        status.Show(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{label} {_done}/{total}  {rate:F1}/s  ETA {eta:F0}s"));
    }
}
