using Microsoft.AspNetCore.Http;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// Where a browser stands after a step of <see cref="ProviderLoginPages"/>: a page to show (the login form, again with an error, the
/// consent page, or a refusal), or the person's decision: <see cref="Allowed"/> (authenticated at <see cref="AuthenticatedAt"/>) or denied.
/// </summary>
public sealed record ProviderLoginOutcome(IResult? Page, TestPerson? Allowed = null, DateTimeOffset AuthenticatedAt = default)
{
    public bool Denied => Page is null && Allowed is null;

    public static ProviderLoginOutcome Deny { get; } = new((IResult?)null);
}
