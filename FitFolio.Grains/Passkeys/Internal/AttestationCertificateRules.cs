using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// Packed attestation statement certificate requirements (§8.2.1), the parts that can be checked
/// without a trust store. Chain building to a FIDO root is out of scope (README.md).
/// </summary>
internal static class AttestationCertificateRules
{
    /// <summary>id-fido-gen-ce-aaguid: the AAGUID of the authenticator model, as an OCTET STRING.</summary>
    public const string AaguidExtensionOid = "1.3.6.1.4.1.45724.1.1.4";

    private const string CountryOid = "2.5.4.6";
    private const string OrganizationOid = "2.5.4.10";
    private const string OrganizationalUnitOid = "2.5.4.11";
    private const string CommonNameOid = "2.5.4.3";
    private const string RequiredOrganizationalUnit = "Authenticator Attestation";

    public static void CheckPackedLeaf(X509Certificate2 leaf, Guid aaguid)
    {
        try
        {
            CheckLeaf(leaf, aaguid);
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or AsnContentException)
        {
            throw new PasskeyVerificationException(PasskeyFailureReason.AttestationCertificateInvalid, "The attestation certificate's subject or extensions do not parse.", exception);
        }
    }

    private static void CheckLeaf(X509Certificate2 leaf, Guid aaguid)
    {
        if (leaf.Version != 3)
        {
            throw Invalid($"version is {leaf.Version}; it must be 3.");
        }

        CheckSubject(leaf.SubjectName);

        foreach (var extension in leaf.Extensions)
        {
            if (extension is X509BasicConstraintsExtension { CertificateAuthority: true })
            {
                throw Invalid("Basic Constraints say CA; an attestation leaf must not be a CA.");
            }

            if (extension.Oid?.Value == AaguidExtensionOid)
            {
                CheckAaguidExtension(extension, aaguid);
            }
        }
    }

    private static void CheckSubject(X500DistinguishedName subject)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rdn in subject.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            var type = rdn.GetSingleElementType().Value ?? "";
            if (type is CountryOid or OrganizationOid or OrganizationalUnitOid or CommonNameOid
                && !found.TryAdd(type, rdn.GetSingleElementValue() ?? ""))
            {
                throw Invalid($"the subject repeats attribute {type}.");
            }
        }

        if (!found.TryGetValue(CountryOid, out var country) || country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            throw Invalid("subject C must be a two-letter ISO 3166 country code.");
        }

        if (!found.TryGetValue(OrganizationOid, out var organization) || string.IsNullOrWhiteSpace(organization))
        {
            throw Invalid("subject O (the vendor) is required.");
        }

        if (!found.TryGetValue(OrganizationalUnitOid, out var unit) || !string.Equals(unit, RequiredOrganizationalUnit, StringComparison.Ordinal))
        {
            throw Invalid($"subject OU must be \"{RequiredOrganizationalUnit}\".");
        }

        if (!found.TryGetValue(CommonNameOid, out var commonName) || string.IsNullOrWhiteSpace(commonName))
        {
            throw Invalid("subject CN is required.");
        }
    }

    // §8.2.1: the extension must not be critical and its value must equal the AAGUID in authenticatorData.
    private static void CheckAaguidExtension(X509Extension extension, Guid aaguid)
    {
        if (extension.Critical)
        {
            throw Invalid("the AAGUID extension must not be critical.");
        }

        byte[] value;
        try
        {
            value = AsnDecoder.ReadOctetString(extension.RawData, AsnEncodingRules.DER, out var consumed);
            if (consumed != extension.RawData.Length)
            {
                throw Invalid("the AAGUID extension has trailing bytes.");
            }
        }
        catch (AsnContentException exception)
        {
            throw new PasskeyVerificationException(PasskeyFailureReason.AttestationCertificateInvalid, "The AAGUID extension is not an OCTET STRING.", exception);
        }

        if (value.Length != 16 || new Guid(value, bigEndian: true) != aaguid)
        {
            throw Invalid("the AAGUID extension does not match the AAGUID in authenticatorData.");
        }
    }

    private static PasskeyVerificationException Invalid(string message) =>
        Fail.With(PasskeyFailureReason.AttestationCertificateInvalid, "Attestation certificate: " + message);
}
