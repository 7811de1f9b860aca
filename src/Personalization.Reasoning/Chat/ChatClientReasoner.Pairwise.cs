using System.Globalization;
using Microsoft.Extensions.AI;
using Personalization.Core.Diagnostics;
using Personalization.Core.Ports;

namespace Personalization.Reasoning.Chat;

internal sealed partial class ChatClientReasoner
{
    /// <summary>
    /// R2P's pairwise fallback: the query photo, one candidate's reference photo and description → Yes or No.
    /// p = P(Yes) / (P(Yes) + P(No)) from the answer token's log-probabilities, which are requested; without them
    /// (Ollama, some servers) a parsed Yes counts as <see cref="ReasoningOptions.AnswerConfidence"/> and a No as its
    /// complement. The chain starts the k comparisons at once; the HTTP handler bounds how many run together.
    /// </summary>
    public Task<PairwiseJudgement> ComparePairAsync(PairwiseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WithFallbackAsync(
            ReasoningStages.Pairwise,
            request.Query.ContentHash,
            async ct =>
            {
                var candidate = request.Candidate;
                List<AIContent> content =
                [
                    new TextContent(ReasoningPrompts.WithData(
                        "Image 1 is the query photo; image 2 is the reference photo of this concept:",
                        new { name = candidate.Name.Value, category = candidate.Category, description = candidate.Description })),
                    await PictureAsync(request.QueryImage, null, ct).ConfigureAwait(false),
                    await PictureAsync(request.CandidateImage, null, ct).ConfigureAwait(false),
                ];
                var chatOptions = NewOptions();
                LogProbabilities.Request(chatOptions, _options.TopLogProbabilities);
                var (answer, response) = await AskAsync<PairwiseAnswer>(ReasoningStages.Pairwise, ReasoningPrompts.Pairwise, content, chatOptions, a => a.Problem(), ct).ConfigureAwait(false);
                var c = CultureInfo.InvariantCulture;
                var said = answer.IsYes!.Value ? "Yes" : "No";
                double p;
                string how;
                if (LogProbabilities.YesNo(response) is var (yes, no))
                {
                    p = yes / (yes + no);
                    how = string.Create(c, $"P(Yes) = {yes:F3}, P(No) = {no:F3} from log-probabilities → p = {p:F3}");
                }
                else
                {
                    p = answer.IsYes.Value ? _options.AnswerConfidence : 1 - _options.AnswerConfidence;
                    how = string.Create(c, $"no log-probabilities; a parsed {said} counts as p = {p:F3}");
                }

                var evidence = $"{Name}: {said}; {how}; {Clip(answer.Evidence?.Trim() ?? string.Empty, 300)}";
                return new PairwiseJudgement(candidate.Name, (float)p, evidence);
            },
            async why =>
            {
                var fallback = await offline.ComparePairAsync(request, cancellationToken).ConfigureAwait(false);
                return fallback with { Evidence = $"offline fallback ({why}): {fallback.Evidence}" };
            },
            cancellationToken);
    }
}
