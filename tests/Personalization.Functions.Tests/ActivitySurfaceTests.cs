using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Personalization.Azure.Workflows;

namespace Personalization.Functions.Tests;

/// <summary>
/// The activity surface is written once: each activity is a class whose name is its activity name, and the Functions app
/// binds exactly those names, each with the class's input and output types, so the local worker (which registers the
/// classes) and Azure run the same activities under the same names (issue 10).
/// </summary>
public sealed class ActivitySurfaceTests
{
    private static readonly Dictionary<string, Type> ActivityClasses = typeof(InstanceIds).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITaskActivity).IsAssignableFrom(t))
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    private static readonly List<MethodInfo> BoundActivities = [.. typeof(Activities).GetMethods()
        .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null))];

    [Fact]
    public void TheFunctionsApp_BindsEveryActivityClass_UnderItsClassName_AndNothingElse()
    {
        var bound = BoundActivities.Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name).Order(StringComparer.Ordinal);

        Assert.Equal(ActivityClasses.Keys.Order(StringComparer.Ordinal), bound);
        Assert.Equal(ActivityClasses.Keys.Order(StringComparer.Ordinal), DurableTaskRegistryExtensions.ActivityTypes.Select(t => t.Name));
    }

    [Fact]
    public void EachBinding_TakesAndReturnsWhatItsClassDoes()
    {
        foreach (var method in BoundActivities)
        {
            var name = method.GetCustomAttribute<FunctionAttribute>()!.Name;
            var types = ActivityClasses[name].BaseType!.GetGenericArguments(); // TaskActivity<TInput, TOutput>
            var input = method.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType;

            Assert.True(types[0] == input, $"{name}: the function takes {input.Name}, the class {types[0].Name}");
            Assert.True(typeof(Task<>).MakeGenericType(types[1]) == method.ReturnType, $"{name}: the function returns {method.ReturnType.Name}, the class {types[1].Name}");
        }
    }
}
