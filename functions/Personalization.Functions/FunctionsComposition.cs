using Microsoft.Extensions.Hosting;
using Personalization.Hosting;

namespace Personalization.Functions;

/// <summary>
/// The Functions app's services, callable on any <see cref="IHostApplicationBuilder"/>: <c>Program.cs</c> calls it on the
/// Functions builder and the tests on a plain host (with the in-process durable backend where the Functions extension
/// would bind one), so what the tests run is what Azure runs. The settings (<c>Reasoning__*</c>, <c>Storage__*</c>,
/// <c>Search__*</c>, …) choose every adapter, as they do for the CLI and its worker.
/// </summary>
public static class FunctionsComposition
{
    public static IHostApplicationBuilder AddFunctionsApp(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPersonalizationWorkflow();
    }
}
