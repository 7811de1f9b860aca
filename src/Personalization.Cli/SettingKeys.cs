using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Personalization.Cli;

/// <summary>
/// Checks settings before anything binds them, so a mistake is one line naming the setting rather than a silent
/// default or a binder's stack trace: every <c>--set</c> key must name a property of an options class the product
/// binds (a section's <c>SectionName</c>) or lie under a host section such as <c>Logging</c>; and every non-empty
/// value under a known section, from any source, must convert to its property's type.
/// </summary>
internal static class SettingKeys
{
    /// <summary>Sections the hosts read themselves (logging, the Functions host's own settings).</summary>
    private static readonly string[] HostSections = ["Logging", "AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME"];
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> Sections = new(FindSections);

    /// <summary>Every options class of the product's assemblies, by its <c>SectionName</c>.</summary>
    internal static IReadOnlyDictionary<string, Type> OptionSections => Sections.Value;

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first unknown <c>--set</c> key or unconvertible value.</summary>
    public static void Check(IConfiguration configuration, IEnumerable<string> setKeys)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(setKeys);
        foreach (var key in setKeys)
        {
            var segments = key.Split(':');
            if (HostSections.Contains(segments[0], StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!Sections.Value.TryGetValue(segments[0], out var options))
            {
                throw new InvalidDataException($"--set {key}: unknown setting section '{segments[0]}'{Suggest(segments[0], Sections.Value.Keys)}");
            }

            Resolve(options, segments, key, value: null);
        }

        foreach (var (name, options) in Sections.Value)
        {
            foreach (var (key, value) in configuration.GetSection(name).AsEnumerable(makePathsRelative: false))
            {
                if (value is not null)
                {
                    Resolve(options, key.Split(':'), key, value);
                }
            }
        }
    }

    /// <summary>Follows the key's segments through the options' properties; at a simple property, checks the value.</summary>
    private static void Resolve(Type options, string[] segments, string key, string? value)
    {
        var type = options;
        for (var i = 1; i < segments.Length; i++)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (IsSimple(type))
            {
                throw new InvalidDataException($"setting {key}: '{string.Join(':', segments[..i])}' has no sub-settings");
            }

            if (type.IsArray || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)))
            {
                return; // a list or a map: its entries are the user's to name
            }

            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, segments[i], StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                var known = properties.Select(p => $"{string.Join(':', segments[..i])}:{p.Name}");
                throw new InvalidDataException($"setting {key} is unknown{Suggest(key, known)}");
            }

            type = property.PropertyType;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (string.IsNullOrEmpty(value) || !IsSimple(type))
        {
            return;
        }

        if (!Converts(type, value))
        {
            var expected = type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}" : Describe(type);
            throw new InvalidDataException($"setting {key} = '{value}' is not {expected}");
        }
    }

    private static bool Converts(Type type, string value)
    {
        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value) is not null || !type.IsValueType;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(Guid);

    private static string Describe(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte => "a whole number",
        TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
        TypeCode.Boolean => "true or false",
        _ => type == typeof(TimeSpan) ? "a time span (hh:mm:ss)" : $"a valid {type.Name}",
    };

    /// <summary>" (did you mean X?)" for the closest known name within a few edits, else nothing.</summary>
    private static string Suggest(string given, IEnumerable<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Distance(given.ToUpperInvariant(), k.ToUpperInvariant())))
            .OrderBy(c => c.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, given.Length / 4) ? $" (did you mean {best.Name}?)" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>
    /// Every options class of the product's assemblies, by its <c>SectionName</c>. The product's assemblies are
    /// followed through their references, not only the CLI's own: the compiler keeps a reference only to an assembly
    /// whose types the CLI names, and since the hosts compose through Personalization.Hosting the CLI no longer names
    /// one of Personalization.Reasoning's (its <c>Reasoning</c> section was then refused as unknown).
    /// </summary>
    private static IReadOnlyDictionary<string, Type> FindSections()
    {
        var assemblies = new List<Assembly> { typeof(SettingKeys).Assembly };
        var seen = new HashSet<string>(StringComparer.Ordinal) { typeof(SettingKeys).Assembly.GetName().Name! };
        for (var i = 0; i < assemblies.Count; i++)
        {
            foreach (var reference in assemblies[i].GetReferencedAssemblies())
            {
                if (reference.Name?.StartsWith("Personalization.", StringComparison.Ordinal) == true && seen.Add(reference.Name))
                {
                    assemblies.Add(Assembly.Load(reference));
                }
            }
        }

        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string name)
            {
                sections[name] = type;
            }
        }

        return sections;
    }
}
