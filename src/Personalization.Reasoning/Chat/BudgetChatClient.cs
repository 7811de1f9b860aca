using Microsoft.Extensions.AI;

namespace Personalization.Reasoning.Chat;

/// <summary>Refuses a call when the run's budget is spent, and counts the tokens of each answer against it.</summary>
internal sealed class BudgetChatClient(IChatClient innerClient, ReasoningBudget budget) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        budget.ReserveCall();
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        budget.AddTokens(response.Usage?.TotalTokenCount ?? ((response.Usage?.InputTokenCount ?? 0) + (response.Usage?.OutputTokenCount ?? 0)));
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        budget.ReserveCall();
        return base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }
}
