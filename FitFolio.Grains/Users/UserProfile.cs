namespace FitFolio.Grains.Users;

/// <summary>What the app may know about the signed-in person (the body of <c>GET /auth/me</c>).</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.users.profile")]
public sealed record UserProfile(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] bool EmailVerified,
    [property: Id(3)] bool IsAdmin,
    [property: Id(4)] bool EmailSignInEnabled,
    [property: Id(5)] int PasskeyCount,
    [property: Id(6)] DateTimeOffset CreatedAt);
