namespace Personalization.Core.Preference;

/// <summary>A preference request that cannot be judged (no liked image, identical candidates, another owner's profile…).</summary>
public sealed class PreferenceException(string message) : InvalidOperationException(message);
