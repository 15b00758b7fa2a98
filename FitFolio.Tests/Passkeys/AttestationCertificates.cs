using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FitFolio.Tests.Passkeys;

/// <summary>Mints packed attestation leaf certificates (§8.2.1), correct by default, wrong on request.</summary>
public static class AttestationCertificates
{
    public const string AaguidOid = "1.3.6.1.4.1.45724.1.1.4";

    public const string ValidSubject = "C=SE, O=FitFolio Test Authenticators, OU=Authenticator Attestation, CN=FitFolio Soft Key";

    /// <summary>A self-signed ECDSA P-256 leaf with its private key. <paramref name="aaguid"/> adds the AAGUID extension.</summary>
    public static X509Certificate2 Create(string subject = ValidSubject, Guid? aaguid = null, bool aaguidCritical = false, bool certificateAuthority = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority, false, 0, true));
        if (aaguid is { } value)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            writer.WriteOctetString(value.ToByteArray(bigEndian: true));
            request.CertificateExtensions.Add(new X509Extension(AaguidOid, writer.Encode(), aaguidCritical));
        }

        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }
}
