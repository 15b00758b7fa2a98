using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.Users;

namespace FitFolio.Grains.Accounts;

/// <summary>The user grain's part of a data export: the profile, live sessions and passkeys (public metadata only).</summary>
public sealed record AccountSnapshot(UserProfile Profile, IReadOnlyList<SessionView> Sessions, IReadOnlyList<PasskeyView> Passkeys);
