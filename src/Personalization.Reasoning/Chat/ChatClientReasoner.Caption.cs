using Microsoft.Extensions.AI;
using Personalization.Core.Diagnostics;
using Personalization.Core.Metrics;
using Personalization.Core.Ports;

namespace Personalization.Reasoning.Chat;

internal sealed partial class ChatClientReasoner
{
    /// <summary>
    /// A caption that names each recognised concept as <c>&lt;name&gt;</c>, chosen best-of-N by RePIC's identity
    /// reward (every recognised concept named, at least 100 characters), then by closeness to the target length.
    /// Candidates are made one after another and the search stops at a perfect one (full reward, within a quarter
    /// of the target length). A candidate that names one of the owner's other concepts, or gives in angle brackets any
    /// name but the recognised ones (<see cref="CaptionNames"/>), is discarded: it would claim a concept that was not
    /// recognised in this photo. With no acceptable candidate, the offline caption is used.
    /// </summary>
    public Task<CaptionResult> CaptionAsync(CaptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WithFallbackAsync(
            ReasoningStages.Caption,
            request.Image.ContentHash,
            async ct =>
            {
                var names = request.Concepts.Select(c => c.Concept.Name.Value).ToList();
                var recognized = request.Concepts.Select(c => c.Concept.Name).ToHashSet();
                var others = (request.OwnerConceptNames ?? []).Where(n => !recognized.Contains(n)).Select(n => n.Value).ToList();
                var data = new
                {
                    concepts = request.Concepts.Select(c => new { name = $"<{c.Concept.Name.Value}>", category = c.Concept.Category, description = c.Concept.Description }).ToList(),
                    target_characters = _options.CaptionTargetLength,
                };
                List<AIContent> content =
                [
                    new TextContent(ReasoningPrompts.WithData("Image 1 is the photo. The recognised concepts:", data)),
                    await PictureAsync(request.ImageBytes, null, ct).ConfigureAwait(false),
                ];

                (string Text, double Reward, int Distance)? best = null;
                var problems = new List<string>();
                for (var i = 0; i < _options.CaptionCandidates; i++)
                {
                    string caption;
                    try
                    {
                        var chatOptions = NewOptions(i == 0 ? _options.Temperature : _options.CaptionTemperature);
                        caption = (await AskAsync<CaptionAnswer>(ReasoningStages.Caption, ReasoningPrompts.Caption, content, chatOptions, a => a.Problem(), ct).ConfigureAwait(false)).Answer.Caption!.Trim();
                    }
                    catch (MalformedAnswerException e)
                    {
                        problems.Add(e.Problem);
                        continue;
                    }
                    catch (Exception e) when (best is not null && !ct.IsCancellationRequested && FallbackReason(e) is { } why)
                    {
                        problems.Add(why);
                        break; // Keep the good candidate already made rather than spend more on a failing model.
                    }

                    var tokens = CaptionMetric.Tokenize(caption);
                    if (others.FirstOrDefault(o => CaptionMetric.IsPresent(tokens, o)) is not null)
                    {
                        Log.CaptionCandidate(logger, i + 1, 0, caption.Length, ", discarded: it names a concept that was not recognised");
                        problems.Add("named a concept that was not recognised");
                        continue;
                    }

                    if (CaptionNames.FirstUnrecognized(caption, recognized) is { } stranger)
                    {
                        Log.CaptionCandidate(logger, i + 1, 0, caption.Length, ", discarded: it names a concept not recognised in this photo");
                        problems.Add($"named <{Clip(stranger, 40)}>, which was not recognised in this photo");
                        continue;
                    }

                    var reward = CaptionMetric.IdentityReward(caption, names);
                    var distance = Math.Abs(caption.Length - _options.CaptionTargetLength);
                    Log.CaptionCandidate(logger, i + 1, reward, caption.Length, string.Empty);
                    if (best is null || reward > best.Value.Reward || (reward == best.Value.Reward && distance < best.Value.Distance))
                    {
                        best = (caption, reward, distance);
                    }

                    if (reward >= 1 && distance * 4 <= _options.CaptionTargetLength)
                    {
                        break;
                    }
                }

                return best is { } chosen
                    ? new CaptionResult(chosen.Text, Name)
                    : throw new MalformedAnswerException(ReasoningStages.Caption, $"no acceptable caption in {_options.CaptionCandidates} candidate(s): {string.Join("; ", problems)}");
            },
            async why => (await offline.CaptionAsync(request, cancellationToken).ConfigureAwait(false)) with { Source = $"offline fallback ({why})" },
            cancellationToken);
    }
}
