namespace Personalization.Core.Recognition;

/// <summary>The caption step's answer: the caption, and why it was written offline when the VLM could not give one
/// (<c>offline fallback (…)</c>; null when the configured reasoner wrote it).</summary>
public sealed record CaptionStep(string Caption, string? Fallback = null);
