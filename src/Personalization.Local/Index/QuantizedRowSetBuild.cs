namespace Personalization.Local.Index;

/// <summary>
/// The making of a snapshot's <see cref="QuantizedRowSet"/>, started by the first search that wants it. A small one (a
/// write's few new concepts over the previous snapshot's set) is made at once; a large one (a loaded owner: every row,
/// and every page of a new block touched, about a second at 100k rows of 1280 on the project's machine) is made on the
/// thread pool while searches go on through the float scan, which gives the same hits.
/// </summary>
internal sealed class QuantizedRowSetBuild(Func<QuantizedRowSet?> build, int freshRows)
{
    /// <summary>Up to this many rows to quantise, the first search waits for them.</summary>
    public const int InlineRows = 4096;

    private readonly Lock _gate = new();
    private volatile Task<QuantizedRowSet?>? _task;

    /// <summary>The set if it is made (null when a row is not finite, or the making failed); otherwise starts it and gives null.</summary>
    public QuantizedRowSet? TryGet()
    {
        var task = _task ?? Start();
        return task.IsCompletedSuccessfully ? task.Result : null;
    }

    /// <summary>The set if it has been made, without starting anything.</summary>
    public QuantizedRowSet? Made => _task is { IsCompletedSuccessfully: true } task ? task.Result : null;

    /// <summary>Starts the making if no search has, and waits for it.</summary>
    public QuantizedRowSet? Wait() => WaitAsync().GetAwaiter().GetResult();

    /// <summary>Starts the making if no search has; completes when it is made.</summary>
    public Task<QuantizedRowSet?> WaitAsync() => _task ?? Start();

    private Task<QuantizedRowSet?> Start()
    {
        lock (_gate)
        {
            return _task ??= freshRows <= InlineRows ? Inline() : Task.Run(build);
        }
    }

    /// <summary>Made on this thread; a failure is kept in the task, as on the pool, and the searches stay on the float scan.</summary>
    private Task<QuantizedRowSet?> Inline()
    {
        try
        {
            return Task.FromResult(build());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Task.FromException<QuantizedRowSet?>(e);
        }
    }
}
