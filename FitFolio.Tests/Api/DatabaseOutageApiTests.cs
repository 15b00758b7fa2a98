using System.Net;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>With PostgreSQL down, sessions held by grains keep working; writes answer a clear 503; all recovers by itself.</summary>
public sealed class DatabaseOutageApiTests
{
    [Fact]
    public async Task Session_checks_need_no_database_and_writes_fail_with_a_json_503_until_it_returns()
    {
        await using var postgres = await DedicatedPostgres.StartAsync();
        await using var mail = new TestMailbox();
        await mail.StartAsync(0, TestContext.Current.CancellationToken);
        await using var host = await ApiHost.StartAsync(postgres.ConnectionString, mail.Port, ApiFixture.GenerousLimits);
        using var client = host.Client();
        await client.PrimeAsync();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "offline@example.com" });
        var token = SignInMail.TokenOf(await mail.WaitForAsync("offline@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token })).Status);

        await postgres.StopServerAsync();
        await Eventually.TrueAsync(() => !host.IsReady, TimeSpan.FromSeconds(20), "the silo to notice the outage");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        var write = await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "during-outage@example.com" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.Status);
        Assert.Equal("unavailable", write.ErrorCode);
        Assert.True(write.Headers.ContainsKey("Retry-After"));

        await postgres.StartServerAsync();
        await Eventually.TrueAsync(() => host.IsReady, TimeSpan.FromSeconds(30), "the silo to recover");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "after-outage@example.com" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
    }
}
