using FitFolio.Api.Auth;
using Microsoft.AspNetCore.OpenApi;

namespace FitFolio.Api.OpenApi;

internal static class OperationContextExtensions
{
    /// <summary>The operation's route as a request path ("/api/v1/…").</summary>
    public static string RequestPath(this OpenApiOperationTransformerContext context) => "/" + context.Description.RelativePath;

    /// <summary>Whether the CSRF check guards this operation for a request made with the cookies (<see cref="CsrfMiddleware.Guards"/>).</summary>
    public static bool CsrfGuarded(this OpenApiOperationTransformerContext context) =>
        CsrfMiddleware.Guards(
            context.Description.HttpMethod ?? HttpMethods.Get,
            context.RequestPath(),
            context.Description.ActionDescriptor.EndpointMetadata.OfType<CsrfExemptAttribute>().Any());
}
