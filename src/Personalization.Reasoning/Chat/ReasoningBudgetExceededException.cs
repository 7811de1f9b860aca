namespace Personalization.Reasoning.Chat;

/// <summary>The run's budget of VLM calls or tokens is spent; the remaining items are reasoned offline.</summary>
public sealed class ReasoningBudgetExceededException(string message) : Exception(message);
