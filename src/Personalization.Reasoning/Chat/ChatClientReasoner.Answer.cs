using Microsoft.Extensions.AI;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Reasoning.Chat;

internal sealed partial class ChatClientReasoner
{
    /// <summary>
    /// RAP's generation step: the retrieved concepts (name, category, info; and their reference photos) go in
    /// front of the user's question, as data; the model answers and says which concepts it referred to (only
    /// concepts it was given are kept).
    /// </summary>
    public Task<QuestionAnswer> AnswerAsync(QuestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WithFallbackAsync(
            ReasoningStages.Answer,
            request.ImageAnalysis?.ContentHash,
            async ct =>
            {
                var content = new List<AIContent>();
                if (request.Image is not null)
                {
                    content.Add(await PictureAsync(request.Image, null, ct).ConfigureAwait(false));
                }

                var withPhoto = new List<bool>();
                foreach (var retrieved in request.Concepts)
                {
                    withPhoto.Add(retrieved.Reference is not null);
                    if (retrieved.Reference is not null)
                    {
                        content.Add(await PictureAsync(retrieved.Reference, null, ct).ConfigureAwait(false));
                    }
                }

                var data = new
                {
                    question = request.Question,
                    user_photo = request.Image is not null,
                    concepts = request.Concepts.Select((r, i) => new
                    {
                        name = $"<{r.Concept.Name.Value}>",
                        category = r.Concept.Category,
                        info = r.Concept.Description,
                        attributes = r.Concept.Fingerprint.Select(f => f.Text).Take(8).ToList(),
                        reference_photo = withPhoto[i],
                    }).ToList(),
                };
                content.Insert(0, new TextContent(ReasoningPrompts.WithData("The question and the retrieved concepts:", data)));
                var (answer, _) = await AskAsync<QuestionReply>(ReasoningStages.Answer, ReasoningPrompts.Answer, content, NewOptions(), a => a.Problem(), ct).ConfigureAwait(false);
                var given = request.Concepts.Select(r => r.Concept.Name).ToList();
                var referred = (answer.Concepts ?? [])
                    .OfType<string>()
                    .Select(n => given.FirstOrDefault(g => g.Value.Equals(ReasonAnswer.Bare(n), StringComparison.OrdinalIgnoreCase)))
                    .Where(n => n != default)
                    .Distinct()
                    .ToList();
                return new QuestionAnswer(Clip(answer.Answer!.Trim(), 4000), referred, Name);
            },
            async why =>
            {
                var fallback = await offline.AnswerAsync(request, cancellationToken).ConfigureAwait(false);
                return fallback with { Source = $"offline fallback ({why})" };
            },
            cancellationToken);
    }
}
