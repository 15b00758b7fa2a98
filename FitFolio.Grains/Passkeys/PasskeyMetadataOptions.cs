namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Configuration section <c>Passkeys:Metadata</c>: an optional FIDO Metadata Service (MDS3) BLOB read from a file,
/// for deployments that want authenticator policy. Off by default: FitFolio fetches nothing from the network, and
/// with attestation <c>none</c> the model an authenticator names is its own claim.
/// </summary>
public sealed class PasskeyMetadataOptions
{
    /// <summary>
    /// Path of the MDS3 BLOB (the JWT served by the FIDO Alliance, downloaded by the operator). Default: null, no
    /// metadata. Read and verified at start; replacing the file takes effect at the next start.
    /// </summary>
    public string? BlobPath { get; set; }

    /// <summary>
    /// Path of the root certificate (PEM or DER) the BLOB's signing chain must end at; required with
    /// <see cref="BlobPath"/>. No default: the deployment pins the root it trusts (for the FIDO Alliance's MDS3,
    /// GlobalSign Root CA - R3; RUNBOOK "Passkeys" says how to get both files).
    /// </summary>
    public string? RootCertificatePath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(BlobPath);

    /// <summary>What is wrong with the settings themselves, before any file is read; empty when nothing is.</summary>
    public IEnumerable<string> Problems()
    {
        if (Enabled && string.IsNullOrWhiteSpace(RootCertificatePath))
        {
            yield return "Passkeys:Metadata:RootCertificatePath is required with Passkeys:Metadata:BlobPath: the root the BLOB's signature must chain to.";
        }

        if (!Enabled && !string.IsNullOrWhiteSpace(RootCertificatePath))
        {
            yield return "Passkeys:Metadata:RootCertificatePath is set without Passkeys:Metadata:BlobPath, so no metadata would be read.";
        }
    }

    /// <summary>The verified BLOB as Fido2's metadata service, or null when metadata is off.</summary>
    /// <exception cref="PasskeyMetadataException">A file is missing or unreadable, or the BLOB does not verify.</exception>
    public PasskeyMetadataService? Load()
    {
        if (!Enabled)
        {
            return null;
        }

        return Problems().FirstOrDefault() is { } problem
            ? throw new PasskeyMetadataException(problem)
            : PasskeyMetadataBlob.Read(BlobPath!, RootCertificatePath!);
    }
}
