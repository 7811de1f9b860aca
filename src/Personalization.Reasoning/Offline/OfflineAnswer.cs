using System.Text;
using Personalization.Core.Ports;

namespace Personalization.Reasoning.Offline;

/// <summary>
/// The offline stand-in for RAP's generation step: with no language model it cannot answer a free question,
/// so it says so and lists what retrieval found (each concept's name, category and description, and why it was
/// retrieved), which is the context a VLM would have answered from.
/// </summary>
internal static class OfflineAnswer
{
    public static QuestionAnswer Write(QuestionRequest request)
    {
        var text = new StringBuilder("Offline mode has no language model to answer questions; set Reasoning:Provider to use one.");
        if (request.Concepts.Count == 0)
        {
            text.Append(request.Image is null
                ? " None of your concepts is named in the question."
                : " None of your concepts is named in the question or was found in the image.");
        }
        else
        {
            text.Append(" What I know that is relevant:");
            foreach (var r in request.Concepts)
            {
                text.Append(" <").Append(r.Concept.Name.Value).Append("> is your ").Append(r.Concept.Category)
                    .Append(" (").Append(r.Concept.Description).Append("; ").Append(r.Why).Append(").");
            }
        }

        return new QuestionAnswer(text.ToString(), [.. request.Concepts.Select(c => c.Concept.Name)], "offline");
    }
}
