using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace FitFolio.Tests.Passkeys;

/// <summary>
/// An MDS3 BLOB signed for real under a throwaway root: a root CA, a signing certificate it issued, and a JWS
/// (RFC 7515 compact form, ES256) over the payload, written from the specs independently of the reader under test.
/// The files live in a directory of their own, removed on dispose.
/// </summary>
public sealed class TestMetadataBlob : IDisposable
{
    /// <summary>A model the BLOB reports REVOKED (after an earlier FIDO_CERTIFIED_L1: the latest report counts).</summary>
    public static readonly Guid RevokedAaguid = new("0d5c6b1e-7a3f-4b8e-9c21-3e5f7a9b1c2d");

    /// <summary>A model the BLOB reports FIDO_CERTIFIED_L1.</summary>
    public static readonly Guid CertifiedAaguid = new("6a1f2e3d-4c5b-4a69-8b7c-9d0e1f2a3b4c");

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fitfolio-mds-");
    private readonly ECDsa _signerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestMetadataBlob()
    {
        Root = CreateRoot("CN=FitFolio Test Metadata Root, O=FitFolio Tests");
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest("CN=FitFolio Test Metadata Signer, O=FitFolio Tests", _signerKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        Signer = request.Create(Root, now.AddDays(-1), now.AddDays(90), RandomNumberGenerator.GetBytes(16));
        RootPath = Write("root.pem", Root.ExportCertificatePem());
        BlobPath = Write("blob.jwt", Sign(Payload()));
    }

    /// <summary>The root CA, with its private key.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The BLOB signing certificate, issued by <see cref="Root"/>; its key is <c>_signerKey</c>.</summary>
    public X509Certificate2 Signer { get; }

    public string RootPath { get; }

    /// <summary>The BLOB listing <see cref="RevokedAaguid"/> and <see cref="CertifiedAaguid"/>.</summary>
    public string BlobPath { get; }

    /// <summary>A self-signed CA certificate with its private key.</summary>
    public static X509Certificate2 CreateRoot(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-2), now.AddYears(1));
    }

    /// <summary>The MDS3 payload (§3.1.6) for the two models.</summary>
    public static JsonObject Payload() => new()
    {
        ["legalHeader"] = "FitFolio test metadata; not the FIDO Alliance's.",
        ["no"] = 42,
        ["nextUpdate"] = "2027-01-01",
        ["entries"] = new JsonArray(
            Entry(RevokedAaguid, ("FIDO_CERTIFIED_L1", "2025-03-01"), ("REVOKED", "2026-10-01")),
            Entry(CertifiedAaguid, ("FIDO_CERTIFIED_L1", "2025-03-01"))),
    };

    /// <summary>The JWS of <paramref name="payload"/>, signed with the signer's key and naming <see cref="Signer"/> in x5c.</summary>
    public string Sign(JsonObject payload, string algorithm = "ES256")
    {
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT", ["x5c"] = new JsonArray(Convert.ToBase64String(Signer.RawData)) };
        var input = Base64UrlText.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64UrlText.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        // RFC 7518 §3.4: ES256 is r || s, which is .NET's default (IEEE P1363) signature format.
        return input + "." + Base64UrlText.Encode(_signerKey.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
    }

    /// <summary>Writes <paramref name="content"/> beside the BLOB and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        _directory.Delete(recursive: true);
        Signer.Dispose();
        Root.Dispose();
        _signerKey.Dispose();
    }

    private static JsonObject Entry(Guid aaguid, params (string Status, string EffectiveDate)[] reports) => new()
    {
        ["aaguid"] = aaguid.ToString(),
        ["statusReports"] = new JsonArray([.. reports.Select(r => (JsonNode)new JsonObject { ["status"] = r.Status, ["effectiveDate"] = r.EffectiveDate })]),
        ["timeOfLastStatusChange"] = reports[^1].EffectiveDate,
    };
}
