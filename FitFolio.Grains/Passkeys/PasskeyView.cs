namespace FitFolio.Grains.Passkeys;

/// <summary>A passkey as its owner sees it in the account settings: nothing key- or counter-related.</summary>
public sealed record PasskeyView(
    Guid Id,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    IReadOnlyList<string> Transports,
    bool BackedUp);
