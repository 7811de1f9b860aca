using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Personalization.Azure;
using Personalization.Hosting;

// The Azure adapters first (blob stores, triggers' handlers, Search and Service Bus when configured), then the one
// composition every host uses: the Reasoning__* settings choose the reasoner here exactly as in the CLI and the worker.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddAzureWorkflow();
builder.AddPersonalization();
builder.Build().Run();
