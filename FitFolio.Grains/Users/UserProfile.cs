namespace FitFolio.Grains.Users;

/// <summary>What the app may know about the signed-in person (the body of <c>GET /auth/me</c>).</summary>
public sealed record UserProfile(
    Guid Id,
    string Email,
    bool EmailVerified,
    bool IsAdmin,
    bool EmailSignInEnabled,
    int PasskeyCount,
    DateTimeOffset CreatedAt);
