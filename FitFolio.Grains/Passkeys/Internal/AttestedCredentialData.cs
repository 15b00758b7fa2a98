namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>Attested credential data (§6.5.2): present in authenticator data when the AT flag is set.</summary>
internal sealed record AttestedCredentialData(Guid Aaguid, byte[] CredentialId, byte[] PublicKeyCose);
