using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// The packed attestation format (§8.2): the signature covers authenticatorData || clientDataHash and
/// is made either by an attestation certificate's key (x5c) or by the credential key itself (self attestation).
/// </summary>
internal static class PackedAttestation
{
    public const string Format = "packed";

    public static PasskeyAttestationType Verify(ReadOnlyMemory<byte> statement, AuthenticatorData authenticatorData, ReadOnlySpan<byte> clientDataHash, CoseKey credentialKey, Guid aaguid)
    {
        var packed = PackedStatement.Parse(statement);
        var signed = new byte[authenticatorData.Raw.Length + clientDataHash.Length];
        authenticatorData.Raw.CopyTo(signed, 0);
        clientDataHash.CopyTo(signed.AsSpan(authenticatorData.Raw.Length));

        if (packed.Certificates is null)
        {
            // §8.2 verification procedure, self attestation: alg must be the credential key's alg.
            if (packed.Algorithm != (long)credentialKey.Algorithm)
            {
                throw Fail.With(PasskeyFailureReason.InvalidAttestationStatement, $"Self attestation alg {packed.Algorithm} differs from the credential key's alg {(int)credentialKey.Algorithm}.");
            }

            return credentialKey.VerifySignature(signed, packed.Signature)
                ? PasskeyAttestationType.Self
                : throw Fail.With(PasskeyFailureReason.BadSignature, "The packed self-attestation signature does not verify with the credential key.");
        }

        var certificates = LoadCertificates(packed.Certificates);
        try
        {
            var leaf = certificates[0];
            if (!VerifyWithCertificate(leaf, packed.Algorithm, signed, packed.Signature))
            {
                throw Fail.With(PasskeyFailureReason.BadSignature, "The packed attestation signature does not verify with the x5c leaf certificate.");
            }

            AttestationCertificateRules.CheckPackedLeaf(leaf, aaguid);
            return PasskeyAttestationType.Certificate;
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static List<X509Certificate2> LoadCertificates(IReadOnlyList<byte[]> encoded)
    {
        var certificates = new List<X509Certificate2>(encoded.Count);
        try
        {
            foreach (var der in encoded)
            {
                // §8.2: x5c holds DER certificates. The loader would also take PEM; insist on exactly one DER SEQUENCE.
                AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.DER, out _, out _, out var consumed);
                if (consumed != der.Length || der[0] != 0x30)
                {
                    throw Fail.With(PasskeyFailureReason.AttestationCertificateInvalid, "An x5c entry is not a single DER certificate.");
                }

                certificates.Add(X509CertificateLoader.LoadCertificate(der));
            }

            return certificates;
        }
        catch (Exception exception) when (exception is AsnContentException or CryptographicException or ArgumentException)
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }

            throw new PasskeyVerificationException(PasskeyFailureReason.AttestationCertificateInvalid, "An x5c certificate does not parse.", exception);
        }
        catch (PasskeyVerificationException)
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }

            throw;
        }
    }

    // §6.5.6 signature encodings: ECDSA as DER Ecdsa-Sig-Value, RSA as PKCS#1 v1.5. The attestation key
    // need not use the credential's algorithm, so the common IANA COSE signing algorithms are accepted.
    private static bool VerifyWithCertificate(X509Certificate2 leaf, long algorithm, byte[] signed, byte[] signature)
    {
        try
        {
            switch (algorithm)
            {
                case -7 or -35 or -36:
                    using (var ecdsa = leaf.GetECDsaPublicKey() ?? throw AlgorithmDoesNotFitKey(algorithm))
                    {
                        var (hash, keySize) = algorithm switch
                        {
                            -7 => (HashAlgorithmName.SHA256, 256),
                            -35 => (HashAlgorithmName.SHA384, 384),
                            _ => (HashAlgorithmName.SHA512, 521),
                        };
                        return ecdsa.KeySize == keySize
                            ? ecdsa.VerifyData(signed, signature, hash, DSASignatureFormat.Rfc3279DerSequence)
                            : throw AlgorithmDoesNotFitKey(algorithm);
                    }

                case -257 or -258 or -259:
                    using (var rsa = leaf.GetRSAPublicKey() ?? throw AlgorithmDoesNotFitKey(algorithm))
                    {
                        var hash = algorithm switch
                        {
                            -257 => HashAlgorithmName.SHA256,
                            -258 => HashAlgorithmName.SHA384,
                            _ => HashAlgorithmName.SHA512,
                        };
                        return rsa.KeySize >= 2048
                            ? rsa.VerifyData(signed, signature, hash, RSASignaturePadding.Pkcs1)
                            : throw Fail.With(PasskeyFailureReason.AttestationCertificateInvalid, "The attestation certificate's RSA key is shorter than 2048 bits.");
                    }

                default:
                    throw Fail.With(PasskeyFailureReason.UnsupportedAlgorithm, $"Packed attestation alg {algorithm} is not supported.");
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static PasskeyVerificationException AlgorithmDoesNotFitKey(long algorithm) =>
        Fail.With(PasskeyFailureReason.InvalidAttestationStatement, $"Packed attestation alg {algorithm} does not fit the x5c leaf certificate's key.");
}
