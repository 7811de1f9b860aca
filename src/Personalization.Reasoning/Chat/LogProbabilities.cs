using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// Reads P(Yes) and P(No) from the token log-probabilities of an answer, when the provider returned them
/// (OpenAI and Azure OpenAI do when asked; Ollama does not). The first answer token whose alternatives include
/// "yes" or "no" decides, so a JSON-wrapped answer (<c>{"answer": "Yes"…</c>) works as well as a bare one.
/// </summary>
internal static class LogProbabilities
{
    /// <summary>Asks an OpenAI-family client for the top alternatives of every token; other providers ignore it.</summary>
    public static void Request(ChatOptions options, int top) =>
        options.RawRepresentationFactory = client => client.GetService(typeof(ChatClient)) is null
            ? null
            : new ChatCompletionOptions { IncludeLogProbabilities = true, TopLogProbabilityCount = top };

    /// <returns>(P(Yes), P(No)) over the first decisive token, unnormalised; null without log-probabilities.</returns>
    public static (double Yes, double No)? YesNo(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.RawRepresentation is not ChatCompletion { ContentTokenLogProbabilities: { Count: > 0 } tokens })
        {
            return null;
        }

        foreach (var token in tokens)
        {
            var alternatives = new Dictionary<string, float>(StringComparer.Ordinal) { [token.Token] = token.LogProbability };
            foreach (var top in token.TopLogProbabilities)
            {
                alternatives.TryAdd(top.Token, top.LogProbability);
            }

            double yes = 0, no = 0;
            foreach (var (text, logProbability) in alternatives)
            {
                switch (text.Trim().Trim('"', '\'').ToLowerInvariant())
                {
                    case "yes":
                        yes += Math.Exp(logProbability);
                        break;
                    case "no":
                        no += Math.Exp(logProbability);
                        break;
                }
            }

            if (yes + no > 0)
            {
                return (yes, no);
            }
        }

        return null;
    }
}
