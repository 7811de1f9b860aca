using Microsoft.Extensions.AI;
using Personalization.Core.Diagnostics;
using Personalization.Core.Ports;
using Personalization.Reasoning.Offline;

namespace Personalization.Reasoning.Chat;

internal sealed partial class ChatClientReasoner
{
    private const int MaxFingerprintPhotos = 3;

    /// <summary>
    /// R2P's database entry: from the reference photos (each cropped to its main object), the name and the category,
    /// a discriminative description and 3–8 fingerprint attributes. What the user wrote goes in as data and comes
    /// out untouched: their description wins, and their attributes are merged first by the enrolment service.
    /// </summary>
    public Task<FingerprintProposal> FingerprintAsync(FingerprintRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WithFallbackAsync(
            ReasoningStages.Fingerprint,
            request.References.FirstOrDefault()?.ContentHash,
            async ct =>
            {
                var content = new List<AIContent>
                {
                    new TextContent(ReasoningPrompts.WithData(
                        "Reference photos of the concept follow the data.",
                        new { name = request.Name.Value, category = request.Category, user_description = request.UserDescription, user_attributes = request.UserAttributes })),
                };
                var photos = request.ReferenceImages ?? [];
                for (var i = 0; i < Math.Min(photos.Count, Math.Min(request.References.Count, MaxFingerprintPhotos)); i++)
                {
                    var main = OfflineReasoner.MainRegion(request.References[i]);
                    content.Add(await PictureAsync(photos[i], main.Source is "detection" or "focus" ? main.Box : null, ct).ConfigureAwait(false));
                }

                if (content.Count == 1)
                {
                    throw new FileNotFoundException("no reference photo bytes to fingerprint");
                }

                var (answer, _) = await AskAsync<FingerprintAnswer>(ReasoningStages.Fingerprint, ReasoningPrompts.Fingerprint, content, NewOptions(), a => a.Problem(), ct).ConfigureAwait(false);
                var user = request.UserAttributes.ToHashSet(StringComparer.OrdinalIgnoreCase);
                var attributes = answer.Attributes!
                    .OfType<string>()
                    .Select(a => Clip(a.Trim(), 80))
                    .Where(a => a.Length > 0 && !user.Contains(a))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .Take(8)
                    .Select(a => new ProposedAttribute(a, "vlm"))
                    .ToList();
                return new FingerprintProposal(request.UserDescription ?? Clip(answer.Description!.Trim(), 400), attributes);
            },
            _ => offline.FingerprintAsync(request, cancellationToken),
            cancellationToken);
    }
}
