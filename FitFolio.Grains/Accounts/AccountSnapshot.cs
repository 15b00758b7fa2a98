using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.Users;

namespace FitFolio.Grains.Accounts;

/// <summary>The user grain's part of a data export: the profile, live sessions and passkeys (public metadata only).</summary>
[GenerateSerializer, Alias("fitfolio.accounts.snapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] UserProfile Profile,
    [property: Id(1)] IReadOnlyList<SessionView> Sessions,
    [property: Id(2)] IReadOnlyList<PasskeyView> Passkeys);
