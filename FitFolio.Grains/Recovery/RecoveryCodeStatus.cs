namespace FitFolio.Grains.Recovery;

/// <summary>How many of the account's recovery codes are left, and when the set was issued (null: never).</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.recovery.status")]
public sealed record RecoveryCodeStatus(
    [property: Id(0)] int Remaining,
    [property: Id(1)] DateTimeOffset? IssuedAt);
