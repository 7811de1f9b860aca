using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalization.Azure.Http;
using Personalization.Cli.Output;
using Personalization.Cli.Serve;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize serve</c>: the Functions app's HTTP API (the same handlers and routes, under <c>/api/</c>) and a web page,
/// on Kestrel, over the embedded defaults and the same composition as every other command. Ctrl+C (SIGINT) or SIGTERM
/// stops it, exit 0; an address already in use is one <c>error:</c> line, exit 2.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen: http://HOST:PORT, several separated by ';' (port 0 picks a free one).",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var command = new Command("serve", "Serves the HTTP API and a web page: enrol concepts by drawing their box, upload photos, browse each concept's photos, confirm or reject.")
        {
            urls,
        };
        command.SetAction((parse, ct) => CommandRunner.GuardAsync(console, async () =>
        {
            var addresses = (parse.GetValue(urls) ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var hosts = new HashSet<string>(["localhost", "127.0.0.1", "[::1]"], StringComparer.OrdinalIgnoreCase);
            foreach (var address in addresses)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
                {
                    await console.Error.WriteLineAsync($"error: --urls '{TerminalText.Escape(address)}' is not http://HOST:PORT").ConfigureAwait(false);
                    return ExitCodes.Fatal;
                }

                hosts.Add(uri.Host);
            }

            if (addresses.Length == 0)
            {
                await console.Error.WriteLineAsync("error: --urls is empty").ConfigureAwait(false);
                return ExitCodes.Fatal;
            }

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory(), EnvironmentName = Environments.Production });
            builder.WebHost.UseUrls(addresses);
            builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = UploadLimits.MaxFormBytes);
            CliHost.Configure(builder, parse, globals, configure: b => b.AddLocalHttpApi());
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None); // a failed start is said in one line below
            await using var app = builder.Build();
            app.Use(new SameOriginGuard(hosts).InvokeAsync);
            app.MapPersonalizationApi();
            app.MapWebPage();
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
            {
                await console.Error.WriteLineAsync($"error: cannot listen on {TerminalText.Escape(string.Join(";", addresses))}: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
                return ExitCodes.Fatal;
            }

            var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var data = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Local.Storage.LocalDataOptions>>().Value.Directory;
            await console.Error.WriteLineAsync($"serve: listening on {string.Join(" ", listening)} (data: {TerminalText.Escape(data)}); Ctrl+C stops").ConfigureAwait(false);

            // SIGINT and SIGTERM reach the host's console lifetime (StopApplication), the command line's token the rest.
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            await console.Error.WriteLineAsync("serve: stopped").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
