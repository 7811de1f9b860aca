using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// RAP's generation step: answers a user's question about an image or their concepts, with the retrieved
/// concepts put in front of it as context. Thread-safe; holds no per-request state.
/// </summary>
public interface IQuestionAnswerer
{
    Task<QuestionAnswer> AnswerAsync(QuestionRequest request, CancellationToken cancellationToken = default);
}

/// <param name="Image">The user's image, when the question is about one.</param>
/// <param name="ImageAnalysis">What the models saw in it (null without an image).</param>
/// <param name="Concepts">The retrieved concepts, most relevant first, with the reference photo of each when available.</param>
public sealed record QuestionRequest(
    string Question,
    ImageSource? Image,
    ImageAnalysis? ImageAnalysis,
    IReadOnlyList<RetrievedConcept> Concepts);

/// <param name="Why">How it was retrieved: <c>named in the question</c>, or the retrieval score.</param>
public sealed record RetrievedConcept(Concept Concept, string Why, ImageSource? Reference = null);

/// <param name="Concepts">The concepts the answer refers to.</param>
/// <param name="Source">Who answered: the reasoner's name, and whether it fell back.</param>
public sealed record QuestionAnswer(string Answer, IReadOnlyList<ConceptName> Concepts, string Source);
