namespace FitFolio.Grains.Recovery;

/// <summary>An unused recovery code as stored: its row id and the SHA-256 of the normalised code.</summary>
internal sealed record StoredRecoveryCode(Guid Id, byte[] Digest);
