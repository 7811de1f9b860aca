using Microsoft.Extensions.AI;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// Refuses a call when the run's budget is spent, counts the tokens of each answer against it, and cancels a call
/// still in flight when the run's time runs out (that item is then answered offline).
/// </summary>
internal sealed class BudgetChatClient(IChatClient innerClient, ReasoningBudget budget) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        budget.ReserveCall();
        using var deadline = budget.RunDeadline(cancellationToken);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, deadline?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (deadline is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested && e is not ReasoningBudgetExceededException)
        {
            throw new ReasoningBudgetExceededException(budget.TimeSpentMessage);
        }

        budget.AddTokens(response.Usage?.TotalTokenCount ?? ((response.Usage?.InputTokenCount ?? 0) + (response.Usage?.OutputTokenCount ?? 0)));
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        budget.ReserveCall();
        return base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }
}
