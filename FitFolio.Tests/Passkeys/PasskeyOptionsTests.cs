using Fido2NetLib.Objects;
using FitFolio.Grains;
using FitFolio.Grains.Passkeys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FitFolio.Tests.Passkeys;

/// <summary>
/// The <c>Passkeys</c> section as the host binds and validates it (the process-level check that a bad value stops
/// start-up with one line is in StartupTests).
/// </summary>
public sealed class PasskeyOptionsTests : IDisposable
{
    private readonly TestMetadataBlob _blob = new();

    public void Dispose() => _blob.Dispose();

    [Fact]
    public void Without_settings_the_defaults_are_es256_eddsa_rs256_attestation_none_and_no_metadata()
    {
        var options = Bind([]);

        var relyingParty = ToRelyingParty(options);

        Assert.Equal([COSE.Algorithm.ES256, COSE.Algorithm.EdDSA, COSE.Algorithm.RS256], relyingParty.AllowedAlgorithms);
        Assert.Equal("none", relyingParty.Attestation);
        Assert.Null(relyingParty.Metadata);
    }

    /// <summary>The configuration binder appends to an array that already has items; the configured list must replace the default.</summary>
    [Fact]
    public void Configured_algorithms_replace_the_default_list()
    {
        var options = Bind(new() { ["Passkeys:Algorithms:0"] = "-8", ["Passkeys:Algorithms:1"] = "-7" });

        Assert.Equal([COSE.Algorithm.EdDSA, COSE.Algorithm.ES256], ToRelyingParty(options).AllowedAlgorithms);
    }

    [Fact]
    public void A_configured_blob_is_read_and_handed_to_fido2()
    {
        var options = Bind(new() { ["Passkeys:Metadata:BlobPath"] = _blob.BlobPath, ["Passkeys:Metadata:RootCertificatePath"] = _blob.RootPath });

        var metadata = Assert.IsType<PasskeyMetadataService>(ToRelyingParty(options).Metadata);
        Assert.Equal(2, metadata.Count);
    }

    [Theory]
    [InlineData("Passkeys:Attestation", "always", "Passkeys:Attestation must be none, indirect, direct or enterprise (was 'always').")]
    [InlineData("Passkeys:Algorithms:0", "-65535", "Passkeys:Algorithms lists -65535, not an algorithm Fido2 verifies with a safe hash")]
    [InlineData("Passkeys:Algorithms:0", "-9999", "Passkeys:Algorithms lists -9999, not an algorithm Fido2 verifies")]
    [InlineData("Passkeys:Algorithms:0", "ES256", "Passkeys:Algorithms must list at least one COSE algorithm id, as numbers (-7 for ES256).")]
    [InlineData("Passkeys:Metadata:BlobPath", "/nonexistent/blob.jwt", "Passkeys:Metadata:RootCertificatePath is required with Passkeys:Metadata:BlobPath")]
    [InlineData("Passkeys:Metadata:RootCertificatePath", "/absent/root.pem", "Passkeys:Metadata:RootCertificatePath is set without Passkeys:Metadata:BlobPath")]
    public void A_bad_value_fails_validation_with_a_message_naming_the_key(string key, string value, string expected)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.StartsWith(expected, Assert.Single(failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_algorithms_the_same_fail_validation()
    {
        var failure = Assert.Throws<OptionsValidationException>(
            () => Bind(new() { ["Passkeys:Algorithms:0"] = "-7", ["Passkeys:Algorithms:1"] = "-7" }));

        Assert.Equal("Passkeys:Algorithms lists -7 twice.", Assert.Single(failure.Failures));
    }

    [Fact]
    public void A_blob_path_that_cannot_be_read_fails_validation()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Passkeys:Metadata:BlobPath"] = _blob.BlobPath + ".absent",
            ["Passkeys:Metadata:RootCertificatePath"] = _blob.RootPath,
        }));

        Assert.StartsWith("Passkeys:Metadata:BlobPath: cannot read '", Assert.Single(failure.Failures), StringComparison.Ordinal);
    }

    private static PasskeyOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddFitFolioGrains(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<PasskeyOptions>>().Value;
    }

    private static RelyingPartyOptions ToRelyingParty(PasskeyOptions options) =>
        options.ToRelyingParty("fitfolio.test", "FitFolio", ["https://fitfolio.test"], TimeSpan.FromMinutes(5));
}
