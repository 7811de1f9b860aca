using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Personalization.Reasoning.Chat;

public static class BudgetChatClientBuilderExtensions
{
    /// <summary>Adds the run's call/token budget (the <see cref="ReasoningBudget"/> singleton) to the pipeline.</summary>
    public static ChatClientBuilder UseReasoningBudget(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new BudgetChatClient(inner, services.GetRequiredService<ReasoningBudget>()));
    }
}
