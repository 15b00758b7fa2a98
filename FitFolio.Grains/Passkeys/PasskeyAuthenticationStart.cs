namespace FitFolio.Grains.Passkeys;

/// <summary><see cref="Options"/> goes to the browser; <see cref="Pending"/> stays in the grain that will verify.</summary>
public sealed record PasskeyAuthenticationStart(PublicKeyCredentialRequestOptionsJson Options, PendingPasskeyCeremony Pending);
