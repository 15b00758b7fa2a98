using System.Globalization;
using FitFolio.Api.Auth;
using FitFolio.Api.Hosting;
using FitFolio.TestMail;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// A whole FitFolio process (the front door and the one silo it co-hosts) started in the bench
/// process exactly as Program builds it: <c>FitFolioApp.CreateBuilder</c>, <c>Configure</c>,
/// migrations, start. Its outbox sends sign-in mail to an SMTP sink in this process, so a
/// sign-in can go through the real link flow.
/// </summary>
internal sealed class FitFolioHost : IAsyncDisposable
{
    /// <summary>
    /// Plain http on loopback is accepted as a public origin, so cookies are <c>ff_session</c> and
    /// <c>ff_csrf</c> without Secure, which wrk (no TLS) can send back.
    /// </summary>
    public const string Origin = "http://127.0.0.1";

    /// <summary>
    /// Per-IP and per-account limits raised for the bench. wrk's requests all come from 127.0.0.1
    /// (and the /auth/me rows from one account), so the default 1,000 API requests per minute per
    /// client (and 5 sign-in mails per minute per IP) would turn almost every measured request into
    /// a 429 after the first second. One second windows keep the rate-limit grain's ring (one
    /// <c>long</c> per allowed event still in the window) at most 8 MB while allowing far more than
    /// this machine can serve. The counting still happens on every request, as in
    /// production: only the ceiling moves.
    /// </summary>
    public const int RaisedLimitPerSecond = 1_000_000;

    private const string Secret = "bench-cluster-secret-0123456789-abcdefghijklmnop";
    private const string CookieKey = "bench-session-cookie-key-0123456789-abcdefghijk";

    /// <summary>
    /// Every host of this run is in one cluster, so hosts started together (the revocation row's
    /// three) form it, as they did on one database when membership was there; another run, or a
    /// stale one's rows left in the shared Redis, is never met.
    /// </summary>
    private static readonly string RunClusterId = BenchSilo.NewClusterId();

    private readonly bool _ownsMail;

    private FitFolioHost(WebApplication app, TestMailbox mail, bool ownsMail)
    {
        App = app;
        Mail = mail;
        _ownsMail = ownsMail;
        Address = ListenAddress.Of(app);
    }

    public WebApplication App { get; }

    public TestMailbox Mail { get; }

    public Uri Address { get; }

    /// <summary>The co-hosted silo's grains, for scenarios that call them without HTTP.</summary>
    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Starts a host. Several hosts on one database form a cluster; give them one
    /// <paramref name="sharedMail"/> sink, since any silo's outbox sender may deliver a message.
    /// </summary>
    public static async Task<FitFolioHost> StartAsync(
        string connectionString, TestMailbox? sharedMail = null, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        // Few messages kept: the sink is only read for the one sign-in mail; the load's mail is just delivered.
        var mail = sharedMail ?? new TestMailbox(maxStoredMessages: 100);
        if (sharedMail is null)
        {
            await mail.StartAsync(0);
        }

        var limit = RaisedLimitPerSecond.ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["environment"] = "Production",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["ConnectionStrings:Redis"] = BenchRedis.ConnectionString,
            ["Cluster:Id"] = RunClusterId,
            ["Cluster:Secret"] = Secret,
            ["SessionCookie:Key"] = CookieKey,
            ["App:PublicOrigin"] = Origin,
            ["Silo:Port"] = "0",
            ["Silo:ListenAddress"] = "127.0.0.1",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = mail.Port.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:GlobalPerIp:Limit"] = limit,
            ["RateLimits:GlobalPerIp:Window"] = "00:00:01",
            ["RateLimits:GlobalPerAccount:Limit"] = limit,
            ["RateLimits:GlobalPerAccount:Window"] = "00:00:01",
            ["RateLimits:MagicLinkStartPerIp:Limit"] = limit,
            ["RateLimits:MagicLinkStartPerIp:Window"] = "00:00:01",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var builder = FitFolioApp.CreateBuilder([.. settings.Select(s => $"--{s.Key}={s.Value}")]);

        // No log output: a console logger under load would measure the terminal, not FitFolio.
        builder.Logging.ClearProviders();
        var app = FitFolioApp.Configure(builder.Build());
        await FitFolioApp.MigrateAsync(app.Services);
        await app.StartAsync();
        var host = new FitFolioHost(app, mail, ownsMail: sharedMail is null);
        host.CheckLimitsRaised();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        // The host first: its outbox sender must stop before the sink it sends to.
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsMail)
        {
            await Mail.DisposeAsync();
        }
    }

    /// <summary>Fails the scenario if the settings did not bind, rather than measuring 429s.</summary>
    private void CheckLimitsRaised()
    {
        var limits = App.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (limits.GlobalPerIp.Limit != RaisedLimitPerSecond
            || limits.GlobalPerIp.Window != TimeSpan.FromSeconds(1)
            || limits.GlobalPerAccount.Limit != RaisedLimitPerSecond
            || limits.MagicLinkStartPerIp.Limit != RaisedLimitPerSecond)
        {
            throw new InvalidOperationException(
                $"Rate limits were not raised: global {limits.GlobalPerIp}, per account {limits.GlobalPerAccount}, magic-link start {limits.MagicLinkStartPerIp}.");
        }
    }
}
