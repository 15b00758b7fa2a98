namespace FitFolio.Grains.Sessions;

/// <summary>
/// How a session's most recent proof was made (<c>sessions.authenticated_with</c>): the sign-in
/// method, named as the audit log names it, or a passkey re-check. Admin routes need a passkey.
/// </summary>
public static class SessionProof
{
    public const string MagicLink = "magic_link";
    public const string Code = "code";
    public const string Passkey = "passkey";

    /// <summary>A one-time recovery code: recent enough to add a passkey, never a passkey proof.</summary>
    public const string RecoveryCode = "recovery_code";

    /// <summary>An external provider (Google, Discord, OpenID Connect); recent only when the provider said when it checked the person.</summary>
    public const string Provider = "provider";
}
