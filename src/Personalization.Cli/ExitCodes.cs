namespace Personalization.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run finished, but some items failed (each was reported on its own line).</summary>
    public const int SomeItemsFailed = 1;

    /// <summary>Nothing was done: bad arguments, an unknown owner, a missing model.</summary>
    public const int Fatal = 2;
}
