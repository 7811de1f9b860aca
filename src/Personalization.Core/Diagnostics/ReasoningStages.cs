namespace Personalization.Core.Diagnostics;

/// <summary>The stage names <see cref="ReasoningUsage"/> reports: one per reasoning prompt.</summary>
public static class ReasoningStages
{
    public const string Fingerprint = "fingerprint";

    public const string Reason = "reason";

    public const string Pairwise = "pairwise";

    public const string Caption = "caption";

    public const string Answer = "answer";

    /// <summary>PreferThinker: the taste profile predicted from the references.</summary>
    public const string PreferenceProfile = "preference-profile";

    /// <summary>PreferThinker: the two candidates assessed per dimension (asked in both orders).</summary>
    public const string PreferenceAssess = "preference-assess";

    /// <summary>PreferThinker: the A/B decision (asked in both orders).</summary>
    public const string PreferenceAnswer = "preference-answer";
}
