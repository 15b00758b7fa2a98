// The tests' providers for the browser tests:
//   FitFolio.TestProviders --app-origin http://localhost:PORT --ready-file PATH
// starts the OpenID Connect provider (used as FitFolio's generic provider and as Google) and the Discord-shaped server, registers
// FitFolio's redirect URIs at the app's origin, and writes their addresses to PATH (KEY=VALUE lines) once they answer. A third
// loopback endpoint, POST /people, registers a person at both providers; the browser then signs in as that person on the
// provider's login page (subject or address, and password) and presses Allow or Deny on its consent page. Runs until SIGTERM or Ctrl+C.
using FitFolio.TestProviders;
using FitFolio.Tests.ExternalSignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var origin = Argument("--app-origin").TrimEnd('/');
var readyFile = Argument("--ready-file");
var callback = origin + "/api/v1/auth/external/";

await using var provider = await TestIdentityProvider.StartAsync();
provider.Clients["fitfolio"] = ("FitFolio", "oidc-client-secret", callback + "oidc/callback");
provider.Clients["fitfolio-google"] = ("FitFolio", "google-client-secret", callback + "google/callback");
await using var discord = await TestDiscord.StartAsync();
discord.RedirectUri = callback + "discord/callback";

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
var control = builder.Build();
control.MapPost("/people", (PersonRequest request) =>
{
    var person = new TestPerson(request.Subject, request.Email, request.EmailVerified, request.Password ?? TestPerson.DefaultPassword);
    provider.Register(person);
    discord.Register(person);
    return Results.NoContent();
});
await control.StartAsync();
var controlAddress = control.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

// Written last and whole (a rename), so whoever polls for the file reads every address at once.
await File.WriteAllTextAsync(readyFile + ".tmp", $"OIDC_AUTHORITY={provider.Address}\nDISCORD_AUTHORITY={discord.Address}\nCONTROL_URL={controlAddress}\n");
File.Move(readyFile + ".tmp", readyFile, overwrite: true);
await control.WaitForShutdownAsync();
await control.DisposeAsync();

string Argument(string name) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required.", nameof(args));
