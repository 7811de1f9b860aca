namespace Personalization.Core.Domain;

/// <summary>An owner id or concept name that fails validation; the message says why.</summary>
public sealed class InvalidNameException(string message) : ArgumentException(message);
