using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace FitFolio.Grains.Mail;

/// <summary>Reads the DKIM private key file: .NET parses the PEM, MimeKit's signer gets the key in BouncyCastle's form.</summary>
internal static class DkimKey
{
    /// <summary>RFC 8301 §3.2: signers SHOULD use 2048-bit keys; 1024 bits are within reach of a determined attacker.</summary>
    public const int MinimumBits = 2048;

    /// <summary>The key, or an exception whose message says what is wrong (never the key's content).</summary>
    public static AsymmetricKeyParameter Load(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read {path} ({exception.GetType().Name})", exception);
        }

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw new InvalidDataException($"{path} holds no unencrypted RSA private key in PEM (PKCS#1 or PKCS#8)", exception);
        }

        if (rsa.KeySize < MinimumBits)
        {
            throw new InvalidDataException($"{path} holds a {rsa.KeySize}-bit RSA key; DKIM keys need at least {MinimumBits} bits (RFC 8301 §3.2)");
        }

        try
        {
            return DotNetUtilities.GetRsaKeyPair(rsa.ExportParameters(includePrivateParameters: true)).Private;
        }
        catch (CryptographicException exception)
        {
            // ImportFromPem also accepts a public key, which has no private parameters to export.
            throw new InvalidDataException($"{path} holds a public key, not the private one", exception);
        }
    }
}
