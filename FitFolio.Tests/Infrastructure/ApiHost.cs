using FitFolio.Api.Hosting;
using FitFolio.Grains.Common;
using FitFolio.Silo.Readiness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// One FitFolio process (front door plus its silo) started in this test process on a real
/// loopback port, exactly as Program builds it, with test settings layered on top.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    /// <summary>Every test host's <c>Cluster:Secret</c>, the cookie key's one-release fall-back.</summary>
    public const string ClusterSecret = "test-cluster-secret-0123456789-abcdefghijklmnop";

    /// <summary>Every test host's <c>SessionCookie:Key</c> unless a test sets another.</summary>
    public const string SessionCookieKey = "test-session-cookie-key-0123456789-abcdefghijklm";

    private ApiHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>This host's silo as the cluster knows it.</summary>
    public SiloAddress SiloAddress => Readiness.Self;

    /// <summary>What readiness answers: the silo is Active in membership and PostgreSQL answers.</summary>
    public bool IsReady => Readiness.IsActive && App.Services.GetRequiredService<DatabaseProbe>().IsReachable;

    public ClusterReadiness Readiness => App.Services.GetRequiredService<ClusterReadiness>();

    public string ClusterId => App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClusterOptions>>().Value.ClusterId;

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Activations of FitFolio's own grains on this host's silo, as Orleans' management grain counts them. The
    /// dashboard's and Orleans' own grains are left out: they activate on their timers, whatever a request did.
    /// </summary>
    public async Task<int> ActivationCountAsync() =>
        (await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([SiloAddress]))
            .Where(s => s.GrainType.StartsWith("FitFolio.", StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);

    /// <summary>The silo the grain's activation is registered on (Redis directory), or null when it has none.</summary>
    public async Task<SiloAddress?> SiloOfAsync<TGrain>(string key) where TGrain : IGrainWithStringKey =>
        await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(Grains.GetGrain<TGrain>(key));

    public bool Stopped { get; private set; }

    public static async Task<ApiHost> StartAsync(
        string connectionString, int smtpPort, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["environment"] = "Production",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["ConnectionStrings:Redis"] = RedisServer.ConnectionString,
            // One Redis serves every test: each host is its own cluster unless the caller names one (ApiCluster does).
            ["Cluster:Id"] = "test-" + Guid.NewGuid().ToString("N"),
            ["SessionCookie:Key"] = SessionCookieKey,
            // What an upgraded deployment still carries: the cookie's old key, used only when SessionCookie:Key is unset.
            ["Cluster:Secret"] = ClusterSecret,
            ["App:PublicOrigin"] = ApiClient.DefaultOrigin,
            ["Silo:Port"] = "0",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Timeout"] = "00:00:10",
            // No load balancer in front: nothing to drain from, and every fixture's stop would wait for it.
            ["Shutdown:DrainDelay"] = "00:00:00",
        };
        foreach (var (key, value) in SiloTlsFiles.Settings().Concat(settings ?? new Dictionary<string, string?>()))
        {
            values[key] = value;
        }

        var args = values.Where(v => v.Value is not null).Select(v => $"--{v.Key}={v.Value}").ToArray();
        var builder = FitFolioApp.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.RemoveAll<IFatalErrorHandler>();
        builder.Services.AddSingleton<IFatalErrorHandler, StopHostOnFatalError>();
        configureServices?.Invoke(builder.Services);
        var app = FitFolioApp.Configure(builder.Build());
        await FitFolioApp.MigrateAsync(app.Services);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, new Uri(address));
    }

    public ApiClient Client(string? origin = null) => new(Address, origin ?? ApiClient.DefaultOrigin);

    public async Task StopAsync()
    {
        Stopped = true;
        await App.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Stops without a graceful shutdown: grains are not deactivated (nothing flushed) and calls in
    /// flight fail. Orleans still marks its own row Dead on the way out, so peers learn at once;
    /// missed-probe detection of a real crash is proven with processes (FailureDetectionTests).
    /// </summary>
    public async Task KillAsync()
    {
        Stopped = true;
        await App.StopAsync(new CancellationToken(canceled: true));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Stopped)
        {
            await StopAsync();
        }

        await App.DisposeAsync();
    }
}
