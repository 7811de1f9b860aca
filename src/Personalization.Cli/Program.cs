using Personalization.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);
