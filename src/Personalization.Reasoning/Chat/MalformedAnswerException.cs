namespace Personalization.Reasoning.Chat;

/// <summary>The model's answer was not the JSON the stage asked for, even after one repair request.</summary>
public sealed class MalformedAnswerException(string stage, string problem) : Exception($"{stage}: {problem}")
{
    public string Stage { get; } = stage;

    public string Problem { get; } = problem;
}
