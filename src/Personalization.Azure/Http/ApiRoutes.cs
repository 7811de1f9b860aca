namespace Personalization.Azure.Http;

/// <summary>
/// The HTTP API's routes (below <c>/api/</c> in both hosts: the Functions app's default prefix, and <c>personalize serve</c>).
/// The owner is always the first route value, validated by the handler before anything is read or written.
/// </summary>
public static class ApiRoutes
{
    public const string Concepts = "owners/{owner}/concepts";
    public const string Concept = "owners/{owner}/concepts/{name}";
    public const string ConceptPhotos = "owners/{owner}/concepts/{name}/photos";
    public const string Confirm = "owners/{owner}/concepts/{name}/confirm";
    public const string Reject = "owners/{owner}/concepts/{name}/reject";
    public const string Images = "owners/{owner}/images/{*path}";
    public const string Results = "owners/{owner}/results/{*path}";
    public const string Photos = "owners/{owner}/photos/{*path}";
    public const string Gallery = "owners/{owner}/gallery";
    public const string Reference = "owners/{owner}/references/{hash}";
    public const string Job = "owners/{owner}/jobs/{instanceId}";
    public const string Preferences = "owners/{owner}/preferences";
    public const string PreferenceResult = "owners/{owner}/preferences/{requestId}";
}
