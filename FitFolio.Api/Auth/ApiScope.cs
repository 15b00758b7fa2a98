namespace FitFolio.Api.Auth;

/// <summary>
/// What a caller may do with the person's data. A session holds both scopes; an API key holds the
/// scopes it was created with. Sign-in, sessions, passkeys and key management never accept a key.
/// </summary>
[Flags]
public enum ApiScope
{
    None = 0,
    Read = 1,
    Write = 2,
}
