using System.Text.Json.Serialization;
using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>A concept recognised in an indexed image: its name as enrolled, how sure, where.</summary>
public sealed record IndexedConcept(string Name, float Confidence, BoundingBox? Box)
{
    /// <summary>The name's key (<see cref="ConceptName.Key"/>): what filters and comparisons use.</summary>
    [JsonIgnore]
    public string Key => ConceptName.KeyOf(Name);
}
