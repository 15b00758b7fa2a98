using System.Globalization;
using System.Security.Cryptography;
using FitFolio.TestMail;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// Several <see cref="ApiProcess"/>es on one database, one Redis and one mailbox, with a cluster
/// id of their own and production's defaults otherwise (failure detection included): the cluster
/// the crash tests SIGKILL a member of.
/// </summary>
public sealed class ApiProcessCluster : IAsyncDisposable
{
    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), "fitfolio-processes-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<ApiProcess> _processes = [];
    private Dictionary<string, string> _environment = [];

    private ApiProcessCluster(string redis) => Redis = redis;

    /// <summary>The Redis server of membership and the directory: the run's, or a test's own (<see cref="DedicatedRedis"/>).</summary>
    public string Redis { get; }

    public string ClusterId { get; } = "processes-" + Guid.NewGuid().ToString("N");

    public TestMailbox Mail { get; } = new();

    public IReadOnlyList<ApiProcess> Processes => _processes;

    public IEnumerable<ApiProcess> Running => _processes.Where(p => !p.HasExited);

    /// <summary>
    /// Starts <paramref name="count"/> processes on <paramref name="redis"/> (default: the shared test Redis), with silo TLS on;
    /// <paramref name="settings"/> (<c>Section__Key</c>) are added to every one's environment.
    /// </summary>
    public static async Task<ApiProcessCluster> StartAsync(
        string connectionString, int count, IReadOnlyDictionary<string, string>? settings = null, string? redis = null)
    {
        var cluster = new ApiProcessCluster(redis ?? RedisServer.ConnectionString);
        try
        {
            Directory.CreateDirectory(cluster._logDirectory);
            await cluster.Mail.StartAsync(0, TestContext.Current.CancellationToken);
            var environment = Environment(connectionString, cluster.Redis, cluster.ClusterId, cluster.Mail.Port);
            foreach (var (key, value) in SiloTlsFiles.Environment().Concat(settings ?? new Dictionary<string, string>()))
            {
                environment[key] = value;
            }

            cluster._environment = environment;
            for (var i = 0; i < count; i++)
            {
                cluster._processes.Add(ApiProcess.Start($"silo{(i + 1).ToString(CultureInfo.InvariantCulture)}", environment, cluster._logDirectory));
            }

            await cluster.WaitUntilWholeAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A replica's environment without its silo TLS settings: production's defaults on <paramref name="connectionString"/>,
    /// <paramref name="redis"/>, cluster <paramref name="clusterId"/> and the SMTP server on <paramref name="mailPort"/>.
    /// </summary>
    public static Dictionary<string, string> Environment(string connectionString, string redis, string clusterId, int mailPort)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36));
        return new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["ConnectionStrings__Redis"] = redis,
            ["Cluster__Id"] = clusterId,
            // The session cookie's key: Cluster:Secret until SessionCookie:Key lands, then that (both set, so either build runs).
            ["Cluster__Secret"] = secret,
            ["SessionCookie__Key"] = secret,
            ["App__PublicOrigin"] = ApiClient.DefaultOrigin,
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = mailPort.ToString(CultureInfo.InvariantCulture),
            // No load balancer in front: nothing to drain from.
            ["Shutdown__DrainDelay"] = "00:00:00",
        };
    }

    /// <summary>Starts one more replica with the cluster's settings (a scale-out) and waits until the cluster is whole.</summary>
    public async Task<ApiProcess> AddProcessAsync()
    {
        var process = ApiProcess.Start($"silo{(_processes.Count + 1).ToString(CultureInfo.InvariantCulture)}", _environment, _logDirectory);
        _processes.Add(process);
        await WaitUntilWholeAsync();
        return process;
    }

    /// <summary>Waits until every running process is ready and Redis holds exactly their silos as Active.</summary>
    public async Task WaitUntilWholeAsync()
    {
        var running = Running.ToList();
        await Task.WhenAll(running.Select(p => p.WaitUntilReadyAsync(TimeSpan.FromSeconds(90))));
        await Eventually.TrueAsync(
            async () =>
            {
                var active = (await RedisMembership.RowsAsync(ClusterId, Redis)).Where(r => r.Status == SiloStatus.Active).Select(r => r.Silo).ToList();
                return active.Count == running.Count && running.All(p => active.Any(p.Owns));
            },
            TimeSpan.FromSeconds(60),
            "Redis membership to list exactly the running processes as Active");
    }

    /// <summary>The process whose silo holds <paramref name="silo"/>.</summary>
    public ApiProcess Owner(SiloAddress silo) => _processes.Single(p => p.Owns(silo));

    /// <summary>The membership row of <paramref name="process"/>'s silo (its latest generation), or null before it wrote one.</summary>
    public async Task<SiloStatus?> StatusOfAsync(ApiProcess process)
    {
        var rows = await RedisMembership.RowsAsync(ClusterId, Redis);
        var own = rows.Where(r => process.Owns(r.Silo)).OrderByDescending(r => r.Silo.Generation).ToList();
        return own.Count == 0 ? null : own[0].Status;
    }

    /// <summary>Signs a new browser in on <paramref name="process"/> by the emailed link.</summary>
    public async Task<ApiClient> SignInAsync(ApiProcess process, string email)
    {
        var client = process.Client();
        await Mail.SignInAsync(client, email);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        // The logs go with the directory: their ends go to the test's output, shown when it fails.
        foreach (var process in _processes)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"--- {process.Name} (last lines of its log)\n{process.LogTail(20)}");
        }

        await Mail.DisposeAsync();
        if (Directory.Exists(_logDirectory))
        {
            Directory.Delete(_logDirectory, recursive: true);
        }
    }
}
