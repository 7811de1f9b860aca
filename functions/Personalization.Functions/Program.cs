using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Personalization.Azure;
using Personalization.Core;
using Personalization.Local;
using Personalization.Models;
using Personalization.Reasoning;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddAzureWorkflow();
builder.Services
    .AddPersonalizationCore()
    .AddOnnxModels()
    .AddOfflineReasoner()
    .AddEmbeddedDefaults();
builder.Build().Run();
