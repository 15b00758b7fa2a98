namespace FitFolio.Grains.ExternalIdentities;

/// <summary>
/// Who a provider says the person is, after the front door checked the flow (state, PKCE, nonce, ID token): the stable
/// <paramref name="Subject"/>, the address when the provider vouches for it, and when it last checked the person (<c>auth_time</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.external-identities.claim")]
public sealed record ExternalIdentityClaim(
    [property: Id(0)] string Provider,
    [property: Id(1)] string Subject,
    [property: Id(2)] string? Email,
    [property: Id(3)] DateTimeOffset? AuthenticatedAt);
