using Personalization.Core.Preference;

namespace Personalization.Cli.Output;

/// <summary>What <c>prefer --json</c> prints: the profile used (built from the references given, or the stored one) and each pair's verdict.</summary>
internal sealed record PreferDocument(ProfileDocument Profile, IReadOnlyList<PreferenceVerdict> Verdicts);
