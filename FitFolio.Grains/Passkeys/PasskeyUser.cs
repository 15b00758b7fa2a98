namespace FitFolio.Grains.Passkeys;

/// <summary>
/// The account a passkey is created for. <paramref name="Handle"/> is the WebAuthn user handle: random,
/// opaque, 1–64 bytes, never an e-mail address or anything else personal (§14.6.1).
/// </summary>
public sealed record PasskeyUser(ReadOnlyMemory<byte> Handle, string Name, string DisplayName);
