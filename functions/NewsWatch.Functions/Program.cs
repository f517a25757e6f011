using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using NewsWatch.Core;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddNewsWatchCore(builder.Configuration);
builder.Build().Run();
