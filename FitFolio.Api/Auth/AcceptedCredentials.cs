namespace FitFolio.Api.Auth;

/// <summary>
/// What an endpoint's authorization filters let in, as endpoint metadata. Filters are invisible once an
/// endpoint is built, so each extension that adds one (RequireUser, RequireSession, RefuseApiKeys,
/// RequireAdmin) adds this beside it, and the OpenAPI document reads it (ApiSecurityTransformer): the
/// document's security requirements come from the code that enforces them, not from a list kept by hand.
/// An endpoint may carry several (a group's and its own); every one of them must be satisfied.
/// </summary>
/// <param name="SignedIn">A caller must act for a person: a session, or an API key where <paramref name="ApiKey"/> allows.</param>
/// <param name="ApiKey">An API key is accepted in place of the session cookie.</param>
/// <param name="Scope">The scopes such a key needs.</param>
public sealed record AcceptedCredentials(bool SignedIn, bool ApiKey, ApiScope Scope)
{
    /// <summary>A live session only (RequireSession, RequireAdmin).</summary>
    public static readonly AcceptedCredentials Session = new(SignedIn: true, ApiKey: false, ApiScope.None);

    /// <summary>Anyone, but never with an API key (RefuseApiKeys: sign-in itself).</summary>
    public static readonly AcceptedCredentials NoApiKey = new(SignedIn: false, ApiKey: false, ApiScope.None);

    /// <summary>A session, or an API key holding <paramref name="scope"/> (RequireUser).</summary>
    public static AcceptedCredentials User(ApiScope scope) => new(SignedIn: true, ApiKey: true, scope);
}
