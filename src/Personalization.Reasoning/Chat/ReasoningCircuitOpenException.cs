namespace Personalization.Reasoning.Chat;

/// <summary>
/// The circuit breaker is open: the model failed too many calls in a row and is not called for a while. The item is
/// answered offline; the breaker said so once when it opened.
/// </summary>
public sealed class ReasoningCircuitOpenException(string message) : HttpRequestException(message);
