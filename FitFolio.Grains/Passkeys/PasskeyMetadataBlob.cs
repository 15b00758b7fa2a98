using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Reads an MDS3 BLOB file and checks it as FIDO MDS 3 §3.2 asks: a JWS whose <c>x5c</c> chain ends at the pinned
/// root, signed by the chain's first certificate. Fido2 4.3.3 does these checks only inside its HTTP repository,
/// against the FIDO root compiled into it (the overload that takes a root is internal) and with CRLs fetched over
/// the network; its file repository reads unsigned metadata statements instead. So the checks are made here,
/// offline, with Fido2's own model for the payload and IdentityModel's JWS signature providers. Revocation of the
/// signing chain is not checked: there is no network to fetch CRLs from, the operator downloads the BLOB over TLS.
/// </summary>
internal static class PasskeyMetadataBlob
{
    private const string BlobKey = "Passkeys:Metadata:BlobPath";
    private const string RootKey = "Passkeys:Metadata:RootCertificatePath";

    /// <summary>The MDS3 BLOB is a few MiB; anything far larger is not one.</summary>
    private const long MaxBlobBytes = 64L * 1024 * 1024;

    // MDS3 §3.1.7: the BLOB is signed with one of the JWS algorithms of RFC 7518 §3.1 that use SHA-2.
    private static readonly FrozenSet<string> SigningAlgorithms =
        FrozenSet.Create(StringComparer.Ordinal, "ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512");

    // Not the shared default: it caches providers by key, and each read disposes its keys.
    private static readonly CryptoProviderFactory Signatures = new() { CacheSignatureProviders = false };

    public static PasskeyMetadataService Read(string blobPath, string rootPath)
    {
        using var root = ReadRoot(rootPath);
        var parts = ReadBlob(blobPath).Split('.');
        if (parts.Length != 3)
        {
            throw Invalid("is not a JWS in compact form (header.payload.signature).");
        }

        var (algorithm, chain) = ReadHeader(parts[0]);
        try
        {
            CheckChain(chain, root);
            CheckSignature(algorithm, chain[0], parts);
            return ReadPayload(parts[1]);
        }
        finally
        {
            foreach (var certificate in chain)
            {
                certificate.Dispose();
            }
        }
    }

    private static X509Certificate2 ReadRoot(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            var text = Encoding.ASCII.GetString(bytes);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new PasskeyMetadataException($"{RootKey}: cannot read a certificate from '{path}': {e.Message}", e);
        }
    }

    private static string ReadBlob(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (file.Exists && file.Length > MaxBlobBytes)
            {
                throw Invalid($"'{path}' is {file.Length} bytes, larger than any MDS3 BLOB.");
            }

            return File.ReadAllText(path, Encoding.ASCII).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PasskeyMetadataException($"{BlobKey}: cannot read '{path}': {e.Message}", e);
        }
    }

    private static (string Algorithm, X509Certificate2[] Chain) ReadHeader(string encoded)
    {
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(encoded));
            var root = header.RootElement;
            var algorithm = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String
                ? alg.GetString()!
                : throw Invalid("has no alg in its header.");
            if (!SigningAlgorithms.Contains(algorithm))
            {
                throw Invalid($"is signed with '{algorithm}', not one of the SHA-2 JWS algorithms MDS3 uses.");
            }

            if (!root.TryGetProperty("x5c", out var x5c) || x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() is 0 or > 8)
            {
                throw Invalid("has no x5c certificate chain in its header.");
            }

            // RFC 7515 §4.1.6: x5c holds standard base64 DER, the signing certificate first.
            return (algorithm, [.. x5c.EnumerateArray().Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.GetString() ?? "")))]);
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException or InvalidOperationException)
        {
            throw new PasskeyMetadataException($"{BlobKey}: the BLOB's header cannot be read: {e.Message}", e);
        }
    }

    private static void CheckChain(X509Certificate2[] chain, X509Certificate2 root)
    {
        using var builder = new X509Chain();
        builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        builder.ChainPolicy.CustomTrustStore.Add(root);
        builder.ChainPolicy.ExtraStore.AddRange(chain[1..]);
        builder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        builder.ChainPolicy.DisableCertificateDownloads = true;
        if (!builder.Build(chain[0]))
        {
            var statuses = string.Join(", ", builder.ChainStatus.Select(s => s.Status).Distinct());
            throw Invalid($"is signed by '{chain[0].Subject}', whose chain does not end at the root in {RootKey} ({statuses}).");
        }
    }

    private static void CheckSignature(string algorithm, X509Certificate2 signer, string[] parts)
    {
        using var ecdsa = signer.GetECDsaPublicKey();
        using var rsa = ecdsa is null ? signer.GetRSAPublicKey() : null;
        SecurityKey key = ecdsa is not null ? new ECDsaSecurityKey(ecdsa)
            : rsa is not null ? new RsaSecurityKey(rsa)
            : throw Invalid("has a signer with neither an EC nor an RSA key.");
        bool valid;
        try
        {
            var provider = Signatures.CreateForVerifying(key, algorithm);
            try
            {
                valid = provider.Verify(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]));
            }
            finally
            {
                Signatures.ReleaseSignatureProvider(provider);
            }
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or FormatException or CryptographicException)
        {
            throw new PasskeyMetadataException($"{BlobKey}: the BLOB's signature cannot be checked with {algorithm}: {e.Message}", e);
        }

        if (!valid)
        {
            throw Invalid($"has a signature that does not verify with the key of '{signer.Subject}'.");
        }
    }

    private static PasskeyMetadataService ReadPayload(string encoded)
    {
        MetadataBLOBPayload? blob;
        try
        {
            blob = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(encoded), FidoModelSerializerContext.Default.MetadataBLOBPayload);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new PasskeyMetadataException($"{BlobKey}: the BLOB's payload is not MDS3 metadata: {e.Message}", e);
        }

        if (blob?.Entries is null)
        {
            throw Invalid("has no entries.");
        }

        var entries = new Dictionary<Guid, MetadataBLOBPayloadEntry>();
        foreach (var entry in blob.Entries)
        {
            if (entry?.AaGuid is { } aaguid && !entries.TryAdd(aaguid, entry))
            {
                throw Invalid($"lists AAGUID {aaguid} twice.");
            }
        }

        return new PasskeyMetadataService(blob, entries.ToFrozenDictionary());
    }

    private static PasskeyMetadataException Invalid(string problem) => new($"{BlobKey}: the BLOB {problem}");
}
