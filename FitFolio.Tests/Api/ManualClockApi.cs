using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Api;

/// <summary>
/// A host on a hand-moved clock with generous limits, for the account, API-key and re-authentication
/// tests: moving the clock past 10 minutes makes a session's sign-in no longer recent.
/// </summary>
public class ManualClockApi(PostgresServer server) : PasskeyApi(server)
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?>(GenerousPasskeyLimits)
        {
            ["Auth:AdminEmails:0"] = AdminTests.AdminEmail,
            ["RateLimits:ApiKeyFailuresPerIp:Limit"] = "10000",
        };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Lets the recent-sign-in window pass for every session signed in so far.</summary>
    public void LetSignInGoStale() => Clock.Advance(TimeSpan.FromMinutes(11));

    public Task<Guid> UserIdAsync(string email) => ScalarAsync<Guid>("select id from users where email = @email", ("email", email));
}
