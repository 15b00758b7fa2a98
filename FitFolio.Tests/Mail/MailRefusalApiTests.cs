using System.Net;
using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;
using SmtpServer.Protocol;

namespace FitFolio.Tests.Mail;

/// <summary>A sign-in mail the relay refuses for good shows up where admins look: the audit log, under the account.</summary>
public sealed class MailRefusalApiTests(MailRefusalApiTests.WithBouncingAddress api) : IClassFixture<MailRefusalApiTests.WithBouncingAddress>
{
    private const string AdminEmail = "postmaster@fitfolio.example";
    private const string Bouncing = "no-such-mailbox@example.com";

    public sealed class WithBouncingAddress : ApiFixture
    {
        public WithBouncingAddress(PostgresServer server)
            : base(server) => Mail.RecipientReply = to => to == Bouncing ? new SmtpResponse((SmtpReplyCode)550, "5.1.1 User unknown") : null;

        protected override IDictionary<string, string?> Settings { get; } =
            new Dictionary<string, string?>(GenerousLimits) { ["Auth:AdminEmails:0"] = AdminEmail };
    }

    [Fact]
    public async Task A_refused_sign_in_mail_is_an_audit_event_admins_can_filter_for()
    {
        using var person = api.Host.Client();
        await person.PrimeAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await person.PostAsync("/api/v1/auth/magic-link/start", new { email = Bouncing })).Status);
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminEmail);
        var userId = (await admin.GetAsync($"/api/v1/admin/users?query={Bouncing}")).Body.GetProperty("items")[0].GetProperty("id").GetString();

        await Eventually.TrueAsync(
            async () => (await admin.GetAsync("/api/v1/admin/audit/events?type=mail_refused")).Body.GetProperty("items").GetArrayLength() > 0,
            TimeSpan.FromSeconds(30), "the refusal to reach the audit log");

        var events = (await admin.GetAsync($"/api/v1/admin/audit/events?type=mail_refused&userId={userId}")).Body.GetProperty("items");
        var refusal = Assert.Single(events.EnumerateArray());
        Assert.Equal(Bouncing, refusal.GetProperty("email").GetString());
        var details = refusal.GetProperty("details");
        Assert.Equal(550, details.GetProperty("smtp_status").GetInt32());
        Assert.Equal("sign-in", details.GetProperty("purpose").GetString());
        Assert.Contains("5.1.1 User unknown", details.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(
            "mail_refused", (await admin.GetAsync("/api/v1/admin/audit/event-types")).Body.GetProperty("items").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(0, api.Mail.Messages.Count(m => m.IsTo(Bouncing)));
    }
}
