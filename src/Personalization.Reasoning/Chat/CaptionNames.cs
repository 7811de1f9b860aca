using System.Text.RegularExpressions;
using Personalization.Core.Domain;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// The names a caption gives in angle brackets (<c>&lt;bo&gt;</c>, <c>&lt; Bo &gt;</c>), which is how a caption claims
/// a concept. A caption may claim only the concepts recognised in its photo: any other bracketed name (one the owner
/// does not have, like <c>&lt;bobsecret&gt;</c>, or one that was not recognised here) makes it unacceptable.
/// RePIC's end-of-sequence token <c>&lt;/s&gt;</c> is no name.
/// </summary>
internal static partial class CaptionNames
{
    /// <summary>Every bracketed name in the caption, bare and trimmed, in order.</summary>
    public static IEnumerable<string> Bracketed(string caption) =>
        Name().Matches(caption).Select(m => m.Groups["name"].Value.Trim()).Where(n => n.Length > 0);

    /// <summary>The first bracketed name that is not one of <paramref name="recognized"/> (compared as concept names are, ignoring case); null when none.</summary>
    public static string? FirstUnrecognized(string caption, IReadOnlyCollection<ConceptName> recognized) =>
        Bracketed(caption).FirstOrDefault(n => !recognized.Any(r => string.Equals(r.Value, n, StringComparison.OrdinalIgnoreCase)));

    [GeneratedRegex(@"<(?!\s*/)(?<name>[^<>\r\n]{1,100})>", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
