using System.ComponentModel.DataAnnotations;

namespace Personalization.Azure.Messaging;

/// <summary>
/// Service Bus (configuration section <c>ServiceBus</c>); off unless <see cref="FullyQualifiedNamespace"/> or
/// <see cref="ConnectionString"/> is set. With a namespace the client uses <c>DefaultAzureCredential</c>.
/// </summary>
public sealed class ServiceBusOptions
{
    public const string SectionName = "ServiceBus";

    /// <summary>e.g. <c>personalize.servicebus.windows.net</c>.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>For local development only.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The queue of bulk requests (same JSON as the Storage Queue); empty turns the processor off.</summary>
    public string? BulkQueue { get; set; } = "bulk-requests";

    /// <summary>The topic for <c>recognition.completed</c> / <c>preference.completed</c> events; empty turns publishing off.</summary>
    public string? EventsTopic { get; set; } = "results";

    [Range(1, 64)]
    public int MaxConcurrentCalls { get; set; } = 2;

    public bool IsConfigured => !string.IsNullOrEmpty(FullyQualifiedNamespace) || !string.IsNullOrEmpty(ConnectionString);
}
