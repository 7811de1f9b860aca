using System.Globalization;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Metrics;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Core.Answering;

/// <summary>
/// Answers a question about a user's image or concepts (RAP's generation step): concepts named in the question
/// come first (text retrieval, distance 0), then those retrieved from the image that clear the rejection threshold
/// (retrieval noise is RAP's main enemy, and a general VLM was not trained to ignore it); the answerer sees them
/// as context. Thread-safe.
/// </summary>
public sealed class QuestionService(
    IImageAnalyzer analyzer,
    IConceptIndex index,
    CandidateRetriever retriever,
    IQuestionAnswerer answerer,
    IOptions<RecognitionOptions> options,
    IImageStore? images = null)
{
    private readonly RecognitionOptions _options = options.Value;

    /// <exception cref="UnknownOwnerException">The owner has no concepts.</exception>
    /// <exception cref="InvalidDataException">The image cannot be used.</exception>
    public async Task<QuestionOutcome> AskAsync(OwnerId owner, string question, ImageSource? image, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var concepts = await index.ListAsync(owner, cancellationToken).ConfigureAwait(false);
        if (concepts.Count == 0)
        {
            throw new UnknownOwnerException(owner);
        }

        var tokens = CaptionMetric.Tokenize(question);
        var retrieved = concepts
            .Where(c => CaptionMetric.IsPresent(tokens, c.Name.Value))
            .Select(c => Retrieved(c, "named in the question"))
            .ToList();

        ImageAnalysis? analysis = null;
        ImageSource? pixels = null;
        if (image is not null)
        {
            var bytes = await image.ReadAsync(cancellationToken).ConfigureAwait(false);
            var result = (await analyzer.AnalyzeAsync([new ImageInput(image.Id, bytes)], cancellationToken).ConfigureAwait(false))[0];
            analysis = result.Analysis ?? throw new InvalidDataException($"{image.Id}: {result.Error}");
            pixels = ImageSource.FromBytes(image.Id, bytes);
            var candidates = await retriever.RetrieveAsync(owner, analysis, _options.TopK, _options.HitsPerRegion, (float)_options.TextWeight, cancellationToken).ConfigureAwait(false);
            foreach (var candidate in candidates.Where(c => c.Score >= _options.RejectBelow))
            {
                if (!retrieved.Exists(r => r.Concept.Name.Equals(candidate.Concept)))
                {
                    var concept = concepts.First(c => c.Name.Equals(candidate.Concept));
                    retrieved.Add(Retrieved(concept, string.Create(CultureInfo.InvariantCulture, $"retrieved from the image, score {candidate.Score:F3}")));
                }
            }
        }

        var answer = await answerer.AnswerAsync(new QuestionRequest(question, pixels, analysis, retrieved), cancellationToken).ConfigureAwait(false);
        return new QuestionOutcome(answer, retrieved);
    }

    private RetrievedConcept Retrieved(Concept concept, string why) =>
        new(concept, why, images is not null && concept.References.Count > 0 ? ImageStoreSource.Of(images, concept.Owner, concept.References[0].ContentHash) : null);
}

/// <summary>The answer and the concepts that were put in front of the question.</summary>
public sealed record QuestionOutcome(QuestionAnswer Answer, IReadOnlyList<RetrievedConcept> Context);
