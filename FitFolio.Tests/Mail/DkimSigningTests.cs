using System.Security.Cryptography;
using FitFolio.Grains.Mail;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace FitFolio.Tests.Mail;

/// <summary>Outgoing mail carries a DKIM signature that MimeKit's verifier accepts with the published key, and only that key.</summary>
public sealed class DkimSigningTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly KeyFiles _keys = new();

    public void Dispose() => _keys.Dispose();

    [Fact]
    public async Task Mail_is_signed_for_the_configured_domain_and_selector_and_the_signature_verifies()
    {
        using var key = RSA.Create(2048);
        var received = await SendSignedAsync(key, AccountMailTemplates.NewDevice(
            "ada@example.test", "Safari on iOS – Jürgens iPhone ✓", "203.0.113.9", DateTimeOffset.UtcNow, new Uri("https://fitfolio.test/account/sessions")));

        var signature = received.Message.Headers[HeaderId.DkimSignature];
        Assert.NotNull(signature);
        var tags = signature.Split(';', StringSplitOptions.TrimEntries).Select(t => t.Split('=', 2)).ToDictionary(t => t[0], t => t.Length > 1 ? t[1] : "");
        Assert.Equal(("rsa-sha256", "fitfolio.test", "mail2026", "relaxed/relaxed"), (tags["a"], tags["d"], tags["s"], tags["c"]));
        Assert.Contains("from", tags["h"].ToLowerInvariant().Split(':'));
        Assert.Contains("subject", tags["h"].ToLowerInvariant().Split(':'));

        var locator = new PublishedKey("mail2026._domainkey.fitfolio.test", DotNetUtilities.GetRsaPublicKey(key));
        Assert.True(await Verify(locator, received.Message), "The DKIM signature does not verify with the published key.");
        Assert.Equal(["mail2026._domainkey.fitfolio.test"], locator.Asked);
        Assert.Contains("Jürgens iPhone ✓", received.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_message_or_another_key_fails_verification()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var received = await SendSignedAsync(key, OutboxTestData.SignIn("bob@example.test"));

        Assert.False(await Verify(new PublishedKey("mail2026._domainkey.fitfolio.test", DotNetUtilities.GetRsaPublicKey(other)), received.Message));

        received.Message.Subject = "Your FitFolio sign-in link (forwarded)";
        Assert.False(await Verify(new PublishedKey("mail2026._domainkey.fitfolio.test", DotNetUtilities.GetRsaPublicKey(key)), received.Message));
    }

    [Fact]
    public async Task Without_dkim_settings_mail_goes_out_unsigned()
    {
        await OutboxTestData.ResetAsync(database);
        await using var sink = new TestMailbox();
        await sink.StartAsync(0, TestContext.Current.CancellationToken);
        await using var silo = await MailSilo.StartAsync(database, new LogCapture(), MailSilo.Settings(sink.Port));

        await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("plain@example.test"));

        var message = await sink.WaitForMessageAsync(m => m.IsTo("plain@example.test"), OutboxTestData.Timeout, TestContext.Current.CancellationToken);
        Assert.Null(message.Message.Headers[HeaderId.DkimSignature]);
    }

    private async Task<ReceivedMail> SendSignedAsync(RSA key, OutgoingMail mail)
    {
        await OutboxTestData.ResetAsync(database);
        var keyFile = _keys.Write(key.ExportPkcs8PrivateKeyPem());
        await using var sink = new TestMailbox();
        await sink.StartAsync(0, TestContext.Current.CancellationToken);
        var settings = MailSilo.Settings(sink.Port);
        settings["Mail:Dkim:PrivateKeyFile"] = keyFile;
        settings["Mail:Dkim:Selector"] = "mail2026";
        settings["Mail:Dkim:Domain"] = "fitfolio.test";
        await using var silo = await MailSilo.StartAsync(database, new LogCapture(), settings);

        await OutboxTestData.EnqueueAsync(database, mail);
        return await sink.WaitForMessageAsync(m => m.IsTo(mail.To), OutboxTestData.Timeout, TestContext.Current.CancellationToken);
    }

    private static Task<bool> Verify(PublishedKey locator, MimeMessage message) =>
        new DkimVerifier(locator).VerifyAsync(message, message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)], TestContext.Current.CancellationToken);

    /// <summary>DNS as the receiver would query it: the one TXT record the RUNBOOK says to publish.</summary>
    private sealed class PublishedKey(string name, AsymmetricKeyParameter key) : IDkimPublicKeyLocator
    {
        public List<string> Asked { get; } = [];

        public AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
        {
            Asked.Add($"{selector}._domainkey.{domain}");
            return $"{selector}._domainkey.{domain}" == name
                ? key
                : throw new InvalidOperationException($"No key published at {selector}._domainkey.{domain}.");
        }

        public Task<AsymmetricKeyParameter> LocatePublicKeyAsync(
            string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
