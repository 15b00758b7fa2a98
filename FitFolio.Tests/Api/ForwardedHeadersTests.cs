using System.Net;
using System.Net.Http.Json;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>
/// Who may state the client's address. The environment variable alone believes any peer (ASP.NET
/// Core clears its loopback default); KnownProxies narrows that to the proxy, so a peer that is not
/// the proxy cannot choose the address rate limits and the audit log see.
/// </summary>
public sealed class ForwardedHeadersTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData(null, "203.0.113.9")]
    [InlineData("127.0.0.1", "203.0.113.9")]
    [InlineData("192.0.2.10", "127.0.0.1")]
    public async Task The_audit_log_records_the_forwarded_address_only_when_the_peer_is_a_trusted_proxy(string? knownProxy, string recorded)
    {
        await using var mail = new TestMailbox();
        await mail.StartAsync(0, TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>(ApiFixture.GenerousLimits) { ["FORWARDEDHEADERS_ENABLED"] = "true" };
        if (knownProxy is not null)
        {
            settings["ForwardedHeaders:KnownProxies:0"] = knownProxy;
        }

        await using var host = await ApiHost.StartAsync(database.ConnectionString, mail.Port, settings);
        using var client = host.Client();
        var requestId = "forwarded-" + Guid.NewGuid().ToString("N");

        var start = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/magic-link/start", JsonContent.Create(
            new { email = $"{requestId}@fitfolio.example" }), request =>
        {
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            request.Headers.Add("X-Request-ID", requestId);
        });

        Assert.Equal(HttpStatusCode.Accepted, start.Status);
        // The account's work (and its audit row) happens after the 202; its mail is written in the same transaction.
        await mail.WaitForAsync($"{requestId}@fitfolio.example");
        await using var command = database.DataSource.CreateCommand("select host(ip) from login_events where request_id = @id");
        command.Parameters.AddWithValue("id", requestId);
        Assert.Equal(recorded, (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
