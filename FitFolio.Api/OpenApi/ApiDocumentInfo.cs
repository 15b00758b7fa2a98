using FitFolio.Grains.Common;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace FitFolio.Api.OpenApi;

/// <summary>The document's title, its introduction (how to call the API, what errors look like), its server and a line for each tag.</summary>
internal sealed class ApiDocumentInfo(IOptions<AppOptions> app) : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Health"] = "Liveness and readiness probes for load balancers and orchestrators.",
        ["Sign-in"] = "Email sign-in by link or 8-digit code, the signed-in user, and sign-out.",
        ["Sessions"] = "Your signed-in browsers, and ending them.",
        ["Admin"] = "Administrators only, confirmed with a passkey: users, locks and the audit log.",
        ["Passkeys"] = "Passkey (WebAuthn) registration, sign-in, re-authentication and management.",
        ["Recovery codes"] = "One-time codes that sign in when every passkey is lost.",
        ["Account"] = "Your account: address, preferences, export and deletion.",
        ["API keys"] = "Keys that let scripts call the training API as you.",
        ["Training"] = "Exercises, programs, workouts, sets, records, progress, import and export.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "FitFolio API";
        document.Info.Description = """
            Passwordless sign-in and workout tracking.

            **Two ways in.** The app uses the session cookie its sign-in sets; its state-changing requests also echo the
            CSRF cookie in `X-CSRF-Token`. Scripts use an API key (Account → API keys) as `Authorization: Bearer ffk_…`:
            a key reads or writes your training data and reads your account, and is refused everywhere else. Each
            operation lists what it accepts.

            **Errors** are `{"error":{"code","message","request_id"}}` with a 4xx or 5xx status.
            """;
        // The public origin, not the address the request came in by (a proxy's or a pod's), and without the
        // trailing slash that would double the paths' first one.
        document.Servers = [new OpenApiServer { Url = app.Value.PublicOrigin!.GetLeftPart(UriPartial.Authority), Description = "This deployment" }];

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
