namespace FitFolio.Grains.Passkeys;

/// <summary>
/// What the WebAuthn Signal API needs from the account: its user handle (null without passkeys) and the
/// credential ids it still accepts. The app hands them to the browser after a passkey is deleted or the
/// address changes, so password managers drop or rename what FitFolio no longer accepts.
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.passkeys.signal-ids")]
public sealed record PasskeySignalIds(
    [property: Id(0)] byte[]? UserHandle,
    [property: Id(1)] IReadOnlyList<byte[]> CredentialIds,
    [property: Id(2)] string Email);
