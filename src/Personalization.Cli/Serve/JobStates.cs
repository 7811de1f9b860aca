namespace Personalization.Cli.Serve;

/// <summary>The job states, named as durable task names them.</summary>
internal static class JobStates
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
}
