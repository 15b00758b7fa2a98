namespace FitFolio.Api.Http;

public static class IdempotencyKeyEndpointExtensions
{
    /// <summary>
    /// The routes under this builder honour <c>Idempotency-Key</c> on their state-changing methods; their stores claim the
    /// key and store the answer inside the write's own transaction (FitFolio.Grains/Idempotency/IdempotencyStore.cs).
    /// </summary>
    public static TBuilder WithIdempotencyKeys<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, IdempotencyKeyFilter>().WithMetadata(IdempotencyKeySupport.Instance);

    /// <summary>This state-changing route ignores <c>Idempotency-Key</c>, for <paramref name="reason"/> (said in the OpenAPI document).</summary>
    public static TBuilder WithoutIdempotencyKeys<TBuilder>(this TBuilder builder, string reason) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotencyKeyExclusion(reason));

    /// <summary>Why: the answer carries a credential or sets a cookie, and a stored answer must never hold one.</summary>
    public static TBuilder WithoutIdempotencyKeysForCredentials<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithoutIdempotencyKeys("Its answer carries a credential or sets a cookie, which a stored answer must never hold.");
}
