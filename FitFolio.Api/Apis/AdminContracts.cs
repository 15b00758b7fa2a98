using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /admin/users/{id}/lock</c>: how long, in minutes (default 60, at most 30 days).</summary>
public sealed record AdminLockRequest(int? Minutes);

public sealed record AdminUserDetail(AdminUserView User, IReadOnlyList<SessionView> Sessions, IReadOnlyList<PasskeyView> Passkeys);

/// <summary>The profile as an admin sees it: with the admin lock, which the person's own view does not carry.</summary>
public sealed record AdminUserView(Guid Id, string Email, bool EmailVerified, bool IsAdmin, bool EmailSignInEnabled, int PasskeyCount, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil)
{
    public static AdminUserView Of(UserProfile profile, DateTimeOffset? lockedUntil) =>
        new(profile.Id, profile.Email, profile.EmailVerified, profile.IsAdmin, profile.EmailSignInEnabled, profile.PasskeyCount, profile.CreatedAt, lockedUntil);
}
