namespace FitFolio.Grains.Passkeys;

/// <summary><see cref="Options"/> goes to the browser; <see cref="Pending"/> stays in the user grain.</summary>
public sealed record PasskeyRegistrationStart(PublicKeyCredentialCreationOptionsJson Options, PendingPasskeyCeremony Pending);
