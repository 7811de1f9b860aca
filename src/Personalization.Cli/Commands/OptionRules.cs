using System.CommandLine;

namespace Personalization.Cli.Commands;

/// <summary>Range checks on numeric options, made at parse time so a bad value is a usage error (exit 2), not a crash.</summary>
internal static class OptionRules
{
    public static Option<int> InRange(this Option<int> option, int minimum, int maximum = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count != 1 || !int.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return; // absent (the default applies) or not a number: the parser reports that itself
            }

            if (value < minimum || value > maximum)
            {
                result.AddError(maximum == int.MaxValue
                    ? $"{option.Name} must be at least {minimum} (got {value})"
                    : $"{option.Name} must be from {minimum} to {maximum} (got {value})");
            }
        });
        return option;
    }
}
