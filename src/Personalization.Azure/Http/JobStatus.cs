using System.Text.Json.Nodes;

namespace Personalization.Azure.Http;

/// <param name="Status">As durable task names it: <c>Pending</c>, <c>Running</c>, <c>Completed</c>, <c>Failed</c>.</param>
public sealed record JobStatus(string InstanceId, string Status, JsonNode? Progress, JsonNode? Output, string? Error);
