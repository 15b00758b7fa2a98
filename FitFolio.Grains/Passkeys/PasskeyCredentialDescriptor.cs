namespace FitFolio.Grains.Passkeys;

/// <summary>
/// A credential the user already has, for excludeCredentials (registration) or allowCredentials
/// (authentication). <paramref name="Transports"/> are the values stored at registration, passed back
/// so the browser can reach the authenticator (§5.8.3).
/// </summary>
public sealed record PasskeyCredentialDescriptor(ReadOnlyMemory<byte> Id, IReadOnlyList<string> Transports);
