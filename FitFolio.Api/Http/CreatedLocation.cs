using FitFolio.Grains.Idempotency;

namespace FitFolio.Api.Http;

/// <summary>
/// Endpoint metadata: where what the route creates lives, as a path with <c>{id}</c> for the new resource's id. The
/// handler's 201 carries it as <c>Location</c>, and a keyed run stores it with the answer (<see cref="AnswerHeaderRecipe"/>):
/// one template for both, so a replay says what the first answer said.
/// </summary>
public sealed record CreatedLocation(string Template)
{
    /// <summary>The Location of the resource <paramref name="id"/> created by the current route, or null when it declares none.</summary>
    public static string? Of(HttpContext context, Guid id) =>
        context.GetEndpoint()?.Metadata.GetMetadata<CreatedLocation>()?.Template
            .Replace(AnswerHeaderRecipe.IdPlaceholder, id.ToString(), StringComparison.Ordinal);
}
