namespace FitFolio.Grains.Passkeys;

/// <summary>A passkey as its owner sees it in the account settings: nothing key- or counter-related.</summary>
[GenerateSerializer, Alias("fitfolio.passkeys.view")]
public sealed record PasskeyView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? LastUsedAt,
    [property: Id(4)] IReadOnlyList<string> Transports,
    [property: Id(5)] bool BackedUp);
