namespace FitFolio.Api.Auth;

/// <summary>
/// Whose data this request acts on, however it authenticated: a session cookie or an API key.
/// Endpoints that only need "the signed-in person" (the training log) depend on this rather than
/// on <see cref="CurrentSession"/>, so API keys reach them and nothing else.
/// </summary>
public sealed record CurrentUser(Guid UserId, ApiScope Scopes, Guid? ApiKeyId)
{
    public string GrainKey => UserId.ToString("N");

    public bool ViaApiKey => ApiKeyId is not null;
}
