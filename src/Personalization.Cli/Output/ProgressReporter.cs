using System.Diagnostics;

namespace Personalization.Cli.Output;

/// <summary>Draws "done/total, rate, ETA" on one refreshed line on an interactive terminal; silent otherwise.</summary>
internal sealed class ProgressReporter(CliConsole console, string label, int total)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private int _done;

    public void Advance()
    {
        _done++;
        if (!console.Interactive)
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        var rate = elapsed > 0 ? _done / elapsed : 0;
        var eta = rate > 0 ? (total - _done) / rate : 0;
        console.Error.Write($"\r{label} {_done}/{total}  {rate:F1}/s  ETA {eta:F0}s   ");
        if (_done == total)
        {
            console.Error.WriteLine();
        }
    }
}
