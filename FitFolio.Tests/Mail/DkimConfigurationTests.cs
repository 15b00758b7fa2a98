using System.Security.Cryptography;
using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FitFolio.Tests.Mail;

/// <summary>DKIM settings are checked when the process starts: a bad key stops it with one line naming the setting (exit 2).</summary>
public sealed class DkimConfigurationTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly KeyFiles _keys = new();

    public void Dispose() => _keys.Dispose();

    [Fact]
    public void A_readable_2048_bit_key_aligned_with_the_sender_is_accepted()
    {
        var options = MailOptionsTests.Resolve(Dkim(Key(2048, rsa => rsa.ExportRSAPrivateKeyPem()), "fitfolio.test"));

        Assert.True(options.Dkim.IsConfigured);
    }

    [Theory]
    [InlineData("missing", "Mail:Dkim:PrivateKeyFile: cannot read")]
    [InlineData("small", "Mail:Dkim:PrivateKeyFile: ")]
    [InlineData("public", "holds a public key, not the private one")]
    [InlineData("garbage", "holds no unencrypted RSA private key")]
    [InlineData("encrypted", "holds no unencrypted RSA private key")]
    [InlineData("misaligned", "Mail:Dkim:Domain (example.org) must be the domain of Mail:From (fitfolio.test)")]
    [InlineData("no-selector", "Mail:Dkim:Selector must be one or more DNS labels")]
    public void A_bad_key_or_setting_is_refused_at_start_naming_it(string problem, string expected)
    {
        var settings = problem switch
        {
            "missing" => Dkim(_keys.Missing, "fitfolio.test"),
            "small" => Dkim(Key(1024, rsa => rsa.ExportPkcs8PrivateKeyPem()), "fitfolio.test"),
            "public" => Dkim(Key(2048, rsa => rsa.ExportSubjectPublicKeyInfoPem()), "fitfolio.test"),
            "garbage" => Dkim(_keys.Write("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"), "fitfolio.test"),
            "encrypted" => Dkim(Key(2048, rsa => rsa.ExportEncryptedPkcs8PrivateKeyPem(
                "pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000))), "fitfolio.test"),
            "misaligned" => Dkim(Key(2048, rsa => rsa.ExportPkcs8PrivateKeyPem()), "example.org"),
            _ => Dkim(Key(2048, rsa => rsa.ExportPkcs8PrivateKeyPem()), "fitfolio.test", selector: null),
        };

        var error = Assert.Throws<OptionsValidationException>(() => MailOptionsTests.Resolve(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (problem == "small")
        {
            Assert.Contains("1024-bit RSA key; DKIM keys need at least 2048 bits", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_subdomain_sender_may_sign_for_its_parent_domain()
    {
        var settings = Dkim(Key(2048, rsa => rsa.ExportPkcs8PrivateKeyPem()), "fitfolio.test");
        settings["Mail:From"] = "FitFolio <no-reply@mail.fitfolio.test>";

        Assert.True(MailOptionsTests.Resolve(settings).Dkim.IsConfigured);
    }

    [Fact]
    public async Task The_process_stops_with_exit_code_2_and_one_line_naming_the_key_file()
    {
        var environment = StartupTests.ValidEnvironment(database.ConnectionString);
        environment["Mail__From"] = "FitFolio <no-reply@fitfolio.example>";
        environment["Mail__Dkim__PrivateKeyFile"] = _keys.Missing;
        environment["Mail__Dkim__Selector"] = "fitfolio";
        environment["Mail__Dkim__Domain"] = "fitfolio.example";

        var (exitCode, stderr) = await StartupTests.RunAsync(environment);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fitfolio: configuration error: Mail:Dkim:PrivateKeyFile: cannot read ", line, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Dkim(string keyFile, string domain, string? selector = "mail2026") => new()
    {
        ["Mail:From"] = "FitFolio <no-reply@fitfolio.test>",
        ["Mail:Dkim:PrivateKeyFile"] = keyFile,
        ["Mail:Dkim:Selector"] = selector,
        ["Mail:Dkim:Domain"] = domain,
    };

    private string Key(int bits, Func<RSA, string> export)
    {
        using var rsa = RSA.Create(bits);
        return _keys.Write(export(rsa));
    }
}
