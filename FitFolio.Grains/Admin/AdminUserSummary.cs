namespace FitFolio.Grains.Admin;

/// <summary>One row of the admin user search.</summary>
public sealed record AdminUserSummary(
    Guid Id, string Email, bool EmailVerified, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil, int SessionCount, int PasskeyCount);
