using FitFolio.Grains.Users;

namespace FitFolio.Api.Auth;

/// <summary>The signed-in session of this request, set by <see cref="SessionMiddleware"/>.</summary>
public sealed record CurrentSession(Guid UserId, Guid SessionId, string SecretHash, UserProfile User, DateTimeOffset AuthenticatedAt)
{
    public string GrainKey => UserId.ToString("N");
}
