using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /auth/recovery-codes/verify</c>: the account's address and one of its recovery codes (dashes and spaces are ignored).</summary>
public sealed record RecoveryCodeVerifyRequest(string? Email, string? Code);

/// <summary>
/// Answer of <c>POST /auth/recovery-codes/verify</c>: the signed-in user, the codes left, and
/// <c>passkeyRequested</c>, always true: a way back is spent, so the app asks for a new passkey.
/// </summary>
public sealed record RecoveryCodeSignedInResponse(UserProfile User, int RecoveryCodesRemaining, bool PasskeyRequested);

/// <summary>A new set of recovery codes: shown this once, never again (only their hashes are kept).</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> Codes);

/// <summary>Answer of <c>GET /auth/recovery-codes</c>: how many codes are left and when the set was issued (null: never).</summary>
public sealed record RecoveryCodeStatusResponse(int Remaining, DateTimeOffset? IssuedAt);

/// <summary>
/// Answer of <c>PUT /auth/email-sign-in</c>: the profile as it now is (the same members as <c>GET /auth/me</c>), and
/// the recovery codes issued when email sign-in was turned off, shown this once (null otherwise).
/// </summary>
public sealed record EmailSignInResponse(
    Guid Id,
    string Email,
    bool EmailVerified,
    bool IsAdmin,
    bool EmailSignInEnabled,
    int PasskeyCount,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? RecoveryCodes)
{
    public static EmailSignInResponse From(UserProfile user, IReadOnlyList<string>? recoveryCodes) =>
        new(user.Id, user.Email, user.EmailVerified, user.IsAdmin, user.EmailSignInEnabled, user.PasskeyCount, user.CreatedAt, recoveryCodes);
}
