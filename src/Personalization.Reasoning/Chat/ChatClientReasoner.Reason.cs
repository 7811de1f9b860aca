using System.Globalization;
using Microsoft.Extensions.AI;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Reasoning.Chat;

internal sealed partial class ChatClientReasoner
{
    /// <summary>
    /// R2P's attribute-focused chain of thought: the query photo and the top-k candidates (name, category,
    /// description, attributes) → per candidate the attributes visible in the query, then the best match or none.
    /// Claimed attributes that are not on the candidate's list are dropped: verification checks only real ones.
    /// </summary>
    public Task<AttributeReasoning> ReasonAsync(ReasoningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Candidates.Count == 0)
        {
            return offline.ReasonAsync(request, cancellationToken);
        }

        return WithFallbackAsync(
            ReasoningStages.Reason,
            request.Query.ContentHash,
            async ct =>
            {
                var data = new
                {
                    candidates = request.Candidates.Select(c => new
                    {
                        name = c.Concept.Name.Value,
                        category = c.Concept.Category,
                        description = c.Concept.Description,
                        attributes = c.Concept.Fingerprint.Select(f => f.Text).ToList(),
                    }).ToList(),
                };
                List<AIContent> content =
                [
                    new TextContent(ReasoningPrompts.WithData("Image 1 is the query photo. The candidates:", data)),
                    await PictureAsync(request.QueryImage, null, ct).ConfigureAwait(false),
                ];
                var names = request.Candidates.Select(c => c.Concept.Name.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var (answer, _) = await AskAsync<ReasonAnswer>(ReasoningStages.Reason, ReasoningPrompts.Reason, content, NewOptions(), a => a.Problem(names), ct).ConfigureAwait(false);
                return ToReasoning(request, answer, answer.Choice(names));
            },
            async why =>
            {
                var fallback = await offline.ReasonAsync(request, cancellationToken).ConfigureAwait(false);
                return fallback with { Rationale = $"offline fallback ({why}): {fallback.Rationale}" };
            },
            cancellationToken);
    }

    private AttributeReasoning ToReasoning(ReasoningRequest request, ReasonAnswer answer, string? best)
    {
        var dropped = 0;
        var perCandidate = new List<CandidateAttributes>(request.Candidates.Count);
        foreach (var (concept, _) in request.Candidates)
        {
            var claimed = answer.Candidates!
                .Where(c => ReasonAnswer.Bare(c!.Name!).Equals(concept.Name.Value, StringComparison.OrdinalIgnoreCase))
                .SelectMany(c => c!.Visible ?? [])
                .OfType<string>()
                .Select(a => a.Trim())
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            var evidence = concept.Fingerprint
                .Select(f => claimed.Contains(f.Text) ? new AttributeEvidence(f.Text, 1f, true, f.Source) : new AttributeEvidence(f.Text, 0f, false, f.Source))
                .ToList();
            dropped += claimed.Count(c => !concept.Fingerprint.Any(f => f.Text.Equals(c, StringComparison.OrdinalIgnoreCase)));
            var score = evidence.Count == 0 ? 0f : evidence.Count(e => e.Visible) / (float)evidence.Count;
            perCandidate.Add(new CandidateAttributes(concept.Name, evidence, score));
        }

        var choice = best is not null
            ? request.Candidates.Select(c => c.Concept.Name).First(n => n.Value.Equals(best, StringComparison.OrdinalIgnoreCase))
            : (ConceptName?)null;
        var rationale = $"{Name}: {Clip(answer.Rationale?.Trim() ?? string.Empty, 600)}";
        if (dropped > 0)
        {
            rationale += string.Create(CultureInfo.InvariantCulture, $" ({dropped} claimed attribute(s) not on the candidates' lists were ignored)");
        }

        return new AttributeReasoning(perCandidate, choice, rationale);
    }
}
