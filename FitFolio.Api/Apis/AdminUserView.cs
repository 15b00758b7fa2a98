using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>The profile as an admin sees it: with the admin lock, which the person's own view does not carry.</summary>
public sealed record AdminUserView(
    Guid Id, string Email, bool EmailVerified, bool IsAdmin, bool EmailSignInEnabled, int PasskeyCount, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil)
{
    public static AdminUserView Of(UserProfile profile, DateTimeOffset? lockedUntil) =>
        new(
            profile.Id,
            profile.Email,
            profile.EmailVerified,
            profile.IsAdmin,
            profile.EmailSignInEnabled,
            profile.PasskeyCount,
            profile.CreatedAt,
            lockedUntil);
}
