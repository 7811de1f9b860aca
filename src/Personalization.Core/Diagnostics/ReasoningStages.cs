namespace Personalization.Core.Diagnostics;

/// <summary>The stage names <see cref="ReasoningUsage"/> reports: one per reasoning prompt.</summary>
public static class ReasoningStages
{
    public const string Fingerprint = "fingerprint";

    public const string Reason = "reason";

    public const string Pairwise = "pairwise";

    public const string Caption = "caption";

    public const string Answer = "answer";
}
