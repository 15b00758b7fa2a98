using FitFolio.Grains.Users;

namespace FitFolio.Api.Auth;

/// <summary>
/// The signed-in session of this request, set by <see cref="SessionMiddleware"/>: when its last proof
/// was made, and how (a <see cref="Grains.Sessions.SessionProof"/> value).
/// </summary>
public sealed record CurrentSession(Guid UserId, Guid SessionId, string SecretHash, UserProfile User, DateTimeOffset AuthenticatedAt, string AuthenticatedWith)
{
    public string GrainKey => UserId.ToString("N");
}
