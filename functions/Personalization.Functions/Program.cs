using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Personalization.Functions;

// The one composition every host uses (FunctionsComposition, over AddPersonalizationWorkflow): the settings choose the
// reasoner, index and stores here exactly as in the CLI and its worker; the tests build the same services.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddFunctionsApp();
builder.Build().Run();
