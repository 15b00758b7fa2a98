using System.Net;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Silo.Telemetry;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Telemetry;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// "Send me the link" for a provider identity that came without a vouched-for address must not tell by its timing whether the address
/// has an account: an owned address gets the owner's confirmation, a new one a proof link, and both are done after the answer. Proven as
/// for the magic-link start (<c>SignInEnumerationTests</c>): the grain calls and SQL statements before the answer are the same list.
/// </summary>
public sealed class ExternalEmailProofEnumerationTests(ExternalEmailProofEnumerationTests.Traced api)
    : IClassFixture<ExternalEmailProofEnumerationTests.Traced>, IDisposable
{
    /// <summary>The steps are read from the spans of grain calls, which are made only where grain calls are traced.</summary>
    public sealed class Traced(PostgresServer server) : ExternalSignInFixture(server)
    {
        protected override IDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { [GrainCallTracing.Setting] = "true" };
    }

    private const string Send = "/api/v1/auth/external/email/send";

    private readonly ActivityCollector _activities = new();

    [Fact]
    public async Task Asking_for_the_link_takes_the_same_steps_for_an_owned_and_a_new_address_and_both_mails_follow_the_answer()
    {
        using var owner = await api.SignedInClientAsync("enum-proof-owner@example.com");
        var addresses = new Dictionary<string, string>
        {
            ["owned"] = "enum-proof-owner@example.com",
            ["new"] = "enum-proof-nobody@example.com",
        };

        var steps = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (kind, email) in addresses)
        {
            // Each browser's own identity waiting for an address (the provider vouched for none).
            var person = api.Reset(new TestPerson("enum-proof-" + kind, null, EmailVerified: false));
            using var browser = api.Host.Client();
            Assert.Equal("/signin/provider-email?provider=oidc", (await ProviderFlow.RunAsync(browser, person)).Headers["Location"]);
            steps[kind] = await RequestSteps.BeforeAnswerAsync(_activities, browser, Send, new { email }, HttpStatusCode.Accepted);
        }

        Assert.Equal(steps["new"], steps["owned"]);
        Assert.Contains(steps["owned"], s => s.Contains("from external_email_proofs", StringComparison.Ordinal));
        // Before the answer: the rate limits (their grain calls and stored windows) and this browser's waiting row; nothing that reads
        // the address's account, writes a link, or calls a user grain.
        Assert.All(steps["owned"], s => Assert.True(
            s.StartsWith("grain IRateLimitGrain/", StringComparison.Ordinal) || s.Contains("orleans_grain_state", StringComparison.Ordinal)
                || s.Contains("from external_email_proofs", StringComparison.Ordinal),
            s));

        // The work followed the answer: the owner's confirmation, and the newcomer's proof link; nothing of one went to the other.
        await api.Mail.WaitForAsync(addresses["owned"], ExternalLinkMail.Subject);
        await api.Mail.WaitForAsync(addresses["new"], ExternalEmailProofMail.Subject);
        Assert.DoesNotContain(api.Mail.Messages, m => m.IsTo(addresses["owned"]) && m.Subject == ExternalEmailProofMail.Subject);
        Assert.DoesNotContain(api.Mail.Messages, m => m.IsTo(addresses["new"]) && m.Subject == ExternalLinkMail.Subject);
    }

    public void Dispose() => _activities.Dispose();
}
