using FitFolio.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// One FitFolio process (front door plus its silo) started in this test process on a real
/// loopback port, exactly as Program builds it, with test settings layered on top.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    /// <summary>Every test host's <c>SessionCookie:Key</c> unless a test sets another.</summary>
    public const string SessionCookieKey = "test-session-cookie-key-0123456789-abcdefghijklm";

    private ApiHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public Silo.Hosting.Silo Silo => App.Services.GetRequiredService<Silo.Hosting.Silo>();

    public bool Stopped { get; private set; }

    public static async Task<ApiHost> StartAsync(string connectionString, int smtpPort, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["environment"] = "Production",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["ConnectionStrings:Redis"] = RedisServer.ConnectionString,
            ["Cluster:Secret"] = TestCluster.Secret,
            ["SessionCookie:Key"] = SessionCookieKey,
            ["App:PublicOrigin"] = ApiClient.DefaultOrigin,
            ["Silo:Port"] = "0",
            ["Silo:HeartbeatInterval"] = "00:00:00.250",
            ["Silo:DeathTimeout"] = "00:00:02",
            ["Silo:MembershipRefreshInterval"] = "00:00:00.250",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Timeout"] = "00:00:10",
            // No load balancer in front: nothing to drain from, and every fixture's stop would wait for it.
            ["Shutdown:DrainDelay"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var args = values.Where(v => v.Value is not null).Select(v => $"--{v.Key}={v.Value}").ToArray();
        var builder = FitFolioApp.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
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

    public async Task KillAsync()
    {
        Stopped = true;
        await Silo.KillAsync();
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
