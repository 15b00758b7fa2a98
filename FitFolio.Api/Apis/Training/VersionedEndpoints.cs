using FitFolio.Api.Http;
using FitFolio.Api.OpenApi;

namespace FitFolio.Api.Apis.Training;

/// <summary>Marks the operations of versioned resources for the OpenAPI document (<see cref="EntityTagHeaders"/>).</summary>
public static class VersionedEndpoints
{
    /// <summary>The answer carries the resource's ETag.</summary>
    public static RouteHandlerBuilder WithEntityTag(this RouteHandlerBuilder builder) => builder.WithMetadata(new VersionedOperation(false));

    /// <summary>Takes If-Match: 412 when stale, 400 when malformed; the answer (if any) carries the new ETag.</summary>
    public static RouteHandlerBuilder TakesIfMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new VersionedOperation(true)).ProducesProblemBody(StatusCodes.Status412PreconditionFailed);
}
