using System.Text;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>
/// The optional FIDO metadata BLOB (<c>Passkeys:Metadata</c>): read from a file, verified against a pinned root, and
/// applied at registration. The BLOB is signed for real by <see cref="TestMetadataBlob"/>.
/// </summary>
public sealed class MetadataBlobTests : IDisposable
{
    private readonly TestMetadataBlob _blob = new();

    public void Dispose() => _blob.Dispose();

    [Fact]
    public void A_registration_from_a_model_the_blob_reports_revoked_is_refused_as_not_trusted()
    {
        var harness = WithMetadata();
        using var authenticator = new SoftwareAuthenticator { Aaguid = TestMetadataBlob.RevokedAaguid };

        var failure = harness.RegistrationFails(authenticator);

        Assert.Equal(PasskeyFailureReason.AuthenticatorNotTrusted, failure.Reason);
        Assert.Equal("authenticator_not_trusted", failure.Code);
    }

    [Theory]
    [InlineData(SoftwareAttestation.None)]
    [InlineData(SoftwareAttestation.PackedSelf)]
    public void A_registration_from_a_model_the_blob_reports_certified_passes(SoftwareAttestation attestation)
    {
        var harness = WithMetadata();
        using var authenticator = new SoftwareAuthenticator { Aaguid = TestMetadataBlob.CertifiedAaguid };

        var passkey = harness.Register(authenticator, c => c with { Attestation = attestation });

        Assert.Equal(TestMetadataBlob.CertifiedAaguid, passkey.Aaguid);
    }

    /// <summary>The documented policy: the BLOB refuses what it reports bad, it is not an allow-list.</summary>
    [Fact]
    public void A_registration_from_a_model_the_blob_does_not_list_passes()
    {
        var harness = WithMetadata();
        using var authenticator = new SoftwareAuthenticator { Aaguid = Guid.NewGuid() };

        Assert.Equal(authenticator.Aaguid, harness.Register(authenticator).Aaguid);
    }

    [Fact]
    public void Without_metadata_a_model_the_blob_would_refuse_registers_as_before()
    {
        var harness = new PasskeyHarness();
        using var authenticator = new SoftwareAuthenticator { Aaguid = TestMetadataBlob.RevokedAaguid };

        Assert.Null(harness.Options.Metadata);
        Assert.Equal(TestMetadataBlob.RevokedAaguid, harness.Register(authenticator).Aaguid);
    }

    [Fact]
    public void The_blob_is_read_with_its_serial_number_next_update_and_models()
    {
        var metadata = Load(_blob.BlobPath, _blob.RootPath);

        Assert.Equal(42, metadata.Number);
        Assert.Equal("2027-01-01", metadata.NextUpdate);
        Assert.Equal(2, metadata.Count);
        Assert.False(metadata.ConformanceTesting());
    }

    [Fact]
    public void A_root_certificate_in_der_is_read_as_well_as_pem()
    {
        var der = _blob.Write("root.der", "");
        File.WriteAllBytes(der, _blob.Root.RawData);

        Assert.Equal(2, Load(_blob.BlobPath, der).Count);
    }

    [Fact]
    public void A_blob_under_another_root_is_refused()
    {
        using var otherRoot = TestMetadataBlob.CreateRoot("CN=Someone Else's Root");
        var otherRootPath = _blob.Write("other-root.pem", otherRoot.ExportCertificatePem());

        var failure = Assert.Throws<PasskeyMetadataException>(() => Load(_blob.BlobPath, otherRootPath));

        Assert.StartsWith("Passkeys:Metadata:BlobPath: the BLOB is signed by 'CN=FitFolio Test Metadata Signer", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not end at the root in Passkeys:Metadata:RootCertificatePath", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blob_whose_payload_was_changed_after_signing_is_refused()
    {
        var parts = File.ReadAllText(_blob.BlobPath).Split('.');
        var payload = TestMetadataBlob.Payload();
        payload["entries"]!.AsArray().RemoveAt(0);
        var tampered = _blob.Write("tampered.jwt", $"{parts[0]}.{Base64UrlText.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}");

        var failure = Assert.Throws<PasskeyMetadataException>(() => Load(tampered, _blob.RootPath));

        Assert.Contains("has a signature that does not verify", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing file", "Passkeys:Metadata:BlobPath: cannot read")]
    [InlineData("not a JWS", "is not a JWS in compact form")]
    [InlineData("unsigned", "is signed with 'none'")]
    [InlineData("HMAC", "is signed with 'HS256'")]
    [InlineData("no entries", "the BLOB's payload is not MDS3 metadata")]
    [InlineData("an AAGUID twice", "lists AAGUID 6a1f2e3d-4c5b-4a69-8b7c-9d0e1f2a3b4c twice")]
    [InlineData("missing root", "Passkeys:Metadata:RootCertificatePath: cannot read a certificate")]
    [InlineData("root not a certificate", "Passkeys:Metadata:RootCertificatePath: cannot read a certificate")]
    public void A_blob_that_cannot_be_trusted_is_refused_naming_the_setting(string problem, string expected)
    {
        var blobPath = _blob.BlobPath;
        var rootPath = _blob.RootPath;
        switch (problem)
        {
            case "missing file":
                blobPath = Path.Combine(Path.GetDirectoryName(blobPath)!, "absent.jwt");
                break;
            case "not a JWS":
                blobPath = _blob.Write("text.jwt", "hello");
                break;
            case "unsigned":
                blobPath = _blob.Write("none.jwt", _blob.Sign(TestMetadataBlob.Payload(), "none"));
                break;
            case "HMAC":
                blobPath = _blob.Write("hs256.jwt", _blob.Sign(TestMetadataBlob.Payload(), "HS256"));
                break;
            case "no entries":
                var payload = TestMetadataBlob.Payload();
                payload.Remove("entries");
                blobPath = _blob.Write("empty.jwt", _blob.Sign(payload));
                break;
            case "an AAGUID twice":
                var twice = TestMetadataBlob.Payload();
                var entries = twice["entries"]!.AsArray();
                entries.Add(entries[1]!.DeepClone());
                blobPath = _blob.Write("twice.jwt", _blob.Sign(twice));
                break;
            case "missing root":
                rootPath = Path.Combine(Path.GetDirectoryName(rootPath)!, "absent.pem");
                break;
            default:
                rootPath = _blob.Write("junk.pem", "not a certificate");
                break;
        }

        var failure = Assert.Throws<PasskeyMetadataException>(() => Load(blobPath, rootPath));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    private PasskeyHarness WithMetadata() =>
        new(PasskeyHarness.DefaultOptions() with { Metadata = Load(_blob.BlobPath, _blob.RootPath) });

    private static PasskeyMetadataService Load(string blobPath, string rootPath) =>
        new PasskeyMetadataOptions { BlobPath = blobPath, RootCertificatePath = rootPath }.Load()!;
}
