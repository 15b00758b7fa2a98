using FitFolio.TestMail;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// A database, a real SMTP sink and one FitFolio host, shared by one test class. Subclasses pick
/// the settings (for example generous rate limits, so tests in a class do not throttle each other).
/// </summary>
public class ApiFixture(PostgresServer server) : IAsyncLifetime
{
    public static Dictionary<string, string?> GenerousLimits { get; } = new()
    {
        ["RateLimits:MagicLinkStartPerIp:Limit"] = "10000",
        ["RateLimits:MagicLinkStartPerEmail:Limit"] = "10000",
        ["RateLimits:MagicLinkStartPerEmailCap:Limit"] = "10000",
        ["RateLimits:VerifyPerIp:Limit"] = "10000",
        ["RateLimits:GlobalPerIp:Limit"] = "100000",
        ["RateLimits:GlobalPerAccount:Limit"] = "10000",
    };

    public TestDatabase Database { get; } = new(server);

    public TestMailbox Mail { get; } = new();

    public ApiHost Host { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => GenerousLimits;

    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await Mail.StartAsync(0);
        Host = await ApiHost.StartAsync(Database.ConnectionString, Mail.Port, Settings, ConfigureServices);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Mail.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Signs a new client in by the emailed link and returns it, holding the session cookie.</summary>
    public async Task<ApiClient> SignedInClientAsync(string email, string? origin = null)
    {
        var client = Host.Client(origin);
        await client.PrimeAsync();
        var before = Mail.SignInMailsTo(email);
        var start = await client.PostAsync("/api/v1/auth/magic-link/start", new { email });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, start.Status);
        var message = await Mail.WaitForAsync(email, before + 1);
        var verify = await client.PostAsync("/api/v1/auth/magic-link/verify", new { token = SignInMail.TokenOf(message) });
        Assert.Equal(System.Net.HttpStatusCode.OK, verify.Status);
        return client;
    }
}
