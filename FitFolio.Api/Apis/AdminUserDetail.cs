using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;

namespace FitFolio.Api.Apis;

public sealed record AdminUserDetail(
    AdminUserView User, IReadOnlyList<SessionView> Sessions, IReadOnlyList<PasskeyView> Passkeys, IReadOnlyList<LinkedIdentity> ExternalIdentities);
