using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Output;
using Personalization.Core.Domain;
using Personalization.Core.Feedback;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Commands;

/// <summary>
/// The shape shared by <c>confirm</c> and <c>reject</c>: a result JSON (written by <c>recognize</c> or <c>eval</c>) or
/// an image, whose concept and box come from the result unless <c>--name</c> / <c>--box</c> say otherwise.
/// </summary>
internal static class FeedbackCommand
{
    /// <summary>Gives the feedback and returns the line to print.</summary>
    public delegate Task<string> Give(FeedbackService feedback, OwnerId owner, FeedbackTarget target, ImageSource photo, CancellationToken cancellationToken);

    public static Command Create(string verb, string description, GlobalOptions globals, CliConsole console, Give give)
    {
        var owner = new Option<string>("--owner") { Description = "The user who owns the concept.", Required = true };
        var name = new Option<string?>("--name") { Description = "The concept (default: the result's answer; may be one of the result's also_present concepts, with its box)." };
        var box = new Option<string?>("--box") { Description = "The region x,y,width,height in pixels of the photo (default: the concept's box in the result)." };
        var input = new Argument<string>("RESULT_JSON_OR_IMAGE") { Description = "A result file written by recognize or eval, or an image (then --name and --box are needed)." };
        var command = new Command(verb, description) { owner, name, box, input };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var id = OwnerId.Parse(parse.GetValue(owner));
            ConceptName? concept = parse.GetValue(name) is { } n ? ConceptName.Parse(n) : null;
            BoundingBox? region = null;
            if (parse.GetValue(box) is { } text)
            {
                if (!BoundingBox.TryParse(text, out region, out var boxError))
                {
                    return await FailAsync(console, boxError).ConfigureAwait(false);
                }
            }

            var path = parse.GetValue(input)!;
            if (!File.Exists(path))
            {
                return await FailAsync(console, $"{path}: no such file").ConfigureAwait(false);
            }

            FeedbackTarget target;
            if (Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
            {
                var (result, readError) = await ReadResultAsync(path, token).ConfigureAwait(false);
                if (result is null)
                {
                    return await FailAsync(console, readError).ConfigureAwait(false);
                }

                if (!FeedbackTarget.TryFromResult(result, id, concept, region, out var fromResult, out var error))
                {
                    return await FailAsync(console, $"{path}: {error}").ConfigureAwait(false);
                }

                target = fromResult;
            }
            else if (concept is { } c && region is not null)
            {
                target = new FeedbackTarget(path, c, region, null);
            }
            else
            {
                return await FailAsync(console, $"{path}: with an image, give --name and --box (or give the result JSON that recognize wrote for it)").ConfigureAwait(false);
            }

            // A result names its image as recognize was given it: relative paths are relative to where it ran.
            var photo = ImageSource.FromFile(Path.GetFullPath(target.Image));
            try
            {
                var line = await give(services.GetRequiredService<FeedbackService>(), id, target, photo, token).ConfigureAwait(false);
                await console.Out.WriteLineAsync(TerminalText.Escape(line)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (FeedbackException e)
            {
                return await FailAsync(console, e.Message).ConfigureAwait(false);
            }
        }, ct));
        return command;
    }

    private static async Task<(ResultDocument? Result, string Error)> ReadResultAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var result = await JsonSerializer.DeserializeAsync<ResultDocument>(stream, JsonOutput.Options, cancellationToken).ConfigureAwait(false);
            return result is null ? (null, $"{path}: not a result file") : (result, string.Empty);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return (null, $"{path}: not a result file written by recognize or eval ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"{path}: cannot read: {e.Message}");
        }
    }

    private static async Task<int> FailAsync(CliConsole console, string error)
    {
        await console.Error.WriteLineAsync($"error: {TerminalText.Escape(error)}").ConfigureAwait(false);
        return ExitCodes.Fatal;
    }
}
