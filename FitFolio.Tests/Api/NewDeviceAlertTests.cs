using FitFolio.Grains.Mail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>A sign-in from a browser the account has not seen before mails the owner: device, network address, time, and where to act.</summary>
public sealed class NewDeviceAlertTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_first_sign_in_and_a_known_device_send_no_alert_and_a_new_device_does()
    {
        using var laptop = await api.SignedInClientAsync("alerts@example.com");
        var device = laptop.Cookies["ff_device"];
        laptop.Cookies.Remove("ff_session");
        using var sameLaptop = api.Host.Client();
        sameLaptop.Cookies["ff_device"] = device;
        await SignInAsync(sameLaptop, "alerts@example.com");
        Assert.Equal(0, Alerts("alerts@example.com"));

        using var phone = api.Host.Client();
        phone.UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Mobile/15E148 " +
            "Safari/604.1";
        await SignInAsync(phone, "alerts@example.com");

        var alert = await api.Mail.WaitForAsync("alerts@example.com", AccountMailTemplates.NewDeviceSubject);
        Assert.Contains("Safari on iOS", alert.TextBody, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", alert.TextBody, StringComparison.Ordinal);
        Assert.Contains("UTC", alert.TextBody, StringComparison.Ordinal);
        Assert.Contains("/account/sessions", alert.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, Alerts("alerts@example.com"));
        Assert.Equal(
            1L,
            await CountAsync(
                "select count(*) from login_events where event_type = 'new_device_sign_in' and user_id = (select id from users where email = 'alerts@example.com')"));
    }

    [Fact]
    public async Task A_forged_device_cookie_is_replaced_and_counts_as_a_new_device()
    {
        using var first = await api.SignedInClientAsync("forged-device@example.com");
        using var forger = api.Host.Client();
        forger.Cookies["ff_device"] = "not-a-device-id";

        await SignInAsync(forger, "forged-device@example.com");

        Assert.NotEqual("not-a-device-id", forger.Cookies["ff_device"]);
        await api.Mail.WaitForAsync("forged-device@example.com", AccountMailTemplates.NewDeviceSubject);
    }

    private int Alerts(string to) => api.Mail.Messages.Count(m => m.EnvelopeRecipients.Contains(to) && m.Subject == AccountMailTemplates.NewDeviceSubject);

    private async Task SignInAsync(ApiClient client, string email)
    {
        await client.PrimeAsync();
        var before = api.Mail.SignInMailsTo(email);
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email });
        var message = await api.Mail.WaitForAsync(email, before + 1);
        Assert.Equal(
            System.Net.HttpStatusCode.OK, (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token = SignInMail.TokenOf(message) })).Status);
    }

    private Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) => api.Database.CountAsync(sql, parameters);
}
