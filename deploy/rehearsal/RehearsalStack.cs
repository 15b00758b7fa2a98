using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FitFolio.Silo.Readiness;
using Npgsql;
using StackExchange.Redis;

namespace FitFolio.Rehearsal;

/// <summary>
/// A running rehearsal: PostgreSQL, Redis, smtp4dev as the mailbox, <see cref="RehearsalOptions.Silos"/>
/// FitFolio.Api processes (the app as production runs it: <see cref="PublishedApp"/>) sharing one cluster secret,
/// cookie key, database and Redis, and HAProxy terminating TLS on
/// https://localhost:&lt;port&gt; in front of them. Every port is picked free at start. Disposing
/// stops everything it started, silos first (gracefully), and always.
/// </summary>
public sealed class RehearsalStack : IAsyncDisposable
{
    private readonly RehearsalOptions _options;
    private readonly string _clusterSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36));
    private readonly string _sessionCookieKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36));
    private readonly List<SiloProcess> _silos = [];
    private ConnectionMultiplexer? _membership;
    private LocalPostgres? _postgres;
    private LocalRedis? _redis;
    private ChildProcess? _mail;
    private ChildProcess? _proxy;
    private string _appDirectory = "";
    private bool _disposed;

    private RehearsalStack(RehearsalOptions options, string workDirectory)
    {
        _options = options;
        WorkDirectory = workDirectory;
    }

    /// <summary>Holds the logs, the certificate and HAProxy's configuration and socket.</summary>
    public string WorkDirectory { get; }

    /// <summary>The one origin people and tests use: https://localhost:&lt;port&gt;.</summary>
    public Uri PublicOrigin { get; private set; } = null!;

    /// <summary>smtp4dev's web mailbox (and its REST API under /api).</summary>
    public Uri Mailbox { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The Redis every silo is given (<c>ConnectionStrings__Redis</c>), <c>127.0.0.1:PORT</c>.</summary>
    public string RedisConnectionString { get; private set; } = "";

    /// <summary>
    /// The silos' <c>Cluster__Id</c>: new for every rehearsal, so rehearsals and tests sharing one
    /// Redis never meet, and a stale rehearsal's rows are never probed.
    /// </summary>
    public string ClusterId { get; } = "rehearsal-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public SelfSignedCertificate Certificate { get; private set; } = null!;

    /// <summary>The cluster CA and silo certificate: the silos' mutual TLS.</summary>
    public ClusterCertificates SiloCertificates { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>HAProxy's process (for CPU accounting), once started.</summary>
    public int? ProxyProcessId => _proxy?.Id;

    /// <summary>HAProxy's runtime API socket (see <see cref="ProxyStatus"/>).</summary>
    public string ProxySocket => Path.Combine(WorkDirectory, "haproxy.sock");

    public TimeSpan DrainDelay => _options.DrainDelay;

    public static async Task<RehearsalStack> StartAsync(RehearsalOptions options, CancellationToken cancellationToken = default)
    {
        StaleRehearsals.Reap();
        var work = Directory.CreateTempSubdirectory(StaleRehearsals.Prefix).FullName;
        if (!OperatingSystem.IsWindows())
        {
            // PostgreSQL runs as its own user (scripts/postgres.sh, as root) and keeps its data below.
            File.SetUnixFileMode(work, UnixFileMode.UserRead
                | UnixFileMode.UserWrite
                | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead
                | UnixFileMode.OtherExecute);
        }
        await File.WriteAllTextAsync(
            Path.Combine(work, StaleRehearsals.OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        var stack = new RehearsalStack(options, work);
        try
        {
            await stack.StartAllAsync(cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>A handler for HTTPS to the proxy that trusts exactly this rehearsal's certificate (pinned), nothing else self-signed.</summary>
    public SocketsHttpHandler CreateHttpHandler()
    {
        var pem = File.ReadAllText(Certificate.CertificatePath);
        var fields = PemEncoding.Find(pem);
        using var pinned = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pem[fields.Base64Data]));
        var pinnedHash = pinned.GetCertHash();
        return new SocketsHttpHandler
        {
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => errors == System.Net.Security.SslPolicyErrors.None
                || (certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(pinnedHash)) },
        };
    }

    /// <summary>The proxy's current view of every silo.</summary>
    public Task<IReadOnlyList<ProxyServerStatus>> ProxyStatusAsync(CancellationToken cancellationToken = default) =>
        ProxyStatus.ReadAsync(ProxySocket, cancellationToken);

    /// <summary>Waits until the proxy reports <paramref name="predicate"/> true (polls the runtime API every 50 ms).</summary>
    public async Task WaitForProxyAsync(
        Func<IReadOnlyList<ProxyServerStatus>, bool> predicate, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<ProxyServerStatus> status;
        while (!predicate(status = await ProxyStatusAsync(cancellationToken)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The proxy did not reach '{what}' within {timeout.TotalSeconds} s: {string.Join(", ", status.Select(s => $"{s.Name} {s.Status}"))}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Every incarnation's row in the cluster's Orleans membership (Redis): what the cluster holds about its silos.</summary>
    public async Task<IReadOnlyList<MembershipRow>> MembershipAsync()
    {
        _membership ??= await ConnectionMultiplexer.ConnectAsync(RedisConnectionString);
        return await MembershipRows.ReadAsync(_membership.GetDatabase(), ClusterId);
    }

    /// <summary>
    /// The silos membership holds as Active, by port (a restarted silo keeps its port; its killed incarnation's row says Dead once the others declared it).
    /// </summary>
    public async Task<IReadOnlyList<int>> ActiveSiloPortsAsync() =>
        [.. (await MembershipAsync()).Where(row => row.Status == SiloStatus.Active).Select(row => row.Silo.Endpoint.Port).Order()];

    /// <summary>The last lines of every log, for a failure message.</summary>
    public string DescribeLogs(int lines = 20) => string.Join("\n", Directory.EnumerateFiles(WorkDirectory, "*.log").Order()
        .Select(path => $"--- {Path.GetFileName(path)} ---\n{LogFiles.Tail(path, lines)}"));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Silos first and together, each draining as in production; then what they depended on.
        var grace = _options.DrainDelay + TimeSpan.FromSeconds(30);
        await Task.WhenAll(_silos.Select(s => s.StopAsync(grace)));
        foreach (var child in new[] { _proxy, _mail })
        {
            if (child is not null)
            {
                await child.StopAsync(TimeSpan.FromSeconds(10));
                child.Dispose();
            }
        }

        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        if (_membership is not null)
        {
            await _membership.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.StopAsync();
            if (Directory.Exists(Path.Combine(WorkDirectory, "postgres")))
            {
                Directory.Delete(Path.Combine(WorkDirectory, "postgres"), recursive: true);
            }
        }

        if (_redis is not null)
        {
            await _redis.StopAsync();
            if (Directory.Exists(Path.Combine(WorkDirectory, "redis")))
            {
                Directory.Delete(Path.Combine(WorkDirectory, "redis"), recursive: true);
            }
        }

        if (!_options.KeepLogs)
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
    }

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        _appDirectory = await PublishedApp.DirectoryAsync();
        var haproxy = FindProgram("haproxy")
            ?? throw new InvalidOperationException("haproxy is not installed: apt-get install haproxy (scripts/rehearsal.sh does it).");
        var ports = FreePorts.Take(3 + 2 * _options.Silos);
        var (proxyPort, mailPort, smtpPort) = (ports[0], ports[1], ports[2]);
        PublicOrigin = new Uri($"https://localhost:{proxyPort}");
        Mailbox = new Uri($"http://127.0.0.1:{mailPort}");

        var database = _options.ConnectionString is { } givenDatabase ? Task.FromResult(givenDatabase) : Task.Run(async () =>
        {
            _postgres = new LocalPostgres(Path.Combine(WorkDirectory, "postgres"));
            await _postgres.StartAsync();
            return _postgres.ConnectionString;
        }, cancellationToken);
        var redis = _options.RedisConnectionString is { } givenRedis ? Task.FromResult(givenRedis) : Task.Run(async () =>
        {
            _redis = new LocalRedis(Path.Combine(WorkDirectory, "redis"));
            await _redis.StartAsync();
            return _redis.ConnectionString;
        }, cancellationToken);
        var certificate = SelfSignedCertificate.CreateAsync(WorkDirectory);
        var siloCertificates = ClusterCertificates.CreateAsync(WorkDirectory);

        _mail = StartMailbox(mailPort, smtpPort);
        // Both settle before either result is read, so a failure of one never leaves the other starting unseen.
        await Task.WhenAll(database, redis);
        ConnectionString = await database;
        RedisConnectionString = await redis;
        Certificate = await certificate;
        SiloCertificates = await siloCertificates;

        // A pool of 20 per silo: three silos stay far below PostgreSQL's max_connections, even beside other tests.
        var siloConnection = new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 20 }.ConnectionString;
        for (var i = 0; i < _options.Silos; i++)
        {
            var (httpPort, siloPort) = (ports[3 + 2 * i], ports[4 + 2 * i]);
            _silos.Add(new SiloProcess($"silo{i + 1}", httpPort, siloPort, WorkDirectory, silo => StartSilo(silo, siloConnection, smtpPort)));
        }

        // smtp4dev takes seconds to start; the silos need not wait for it (their outbox retries until it answers).
        await Task.WhenAll(_silos.Select(s => s.StartAsync(_options.StartTimeout, cancellationToken)).Append(WaitForMailboxAsync(cancellationToken)));

        var config = new HaProxyConfig(proxyPort, Certificate, ProxySocket, [.. _silos.Select(s => (s.Name, s.HttpPort))]);
        var configPath = Path.Combine(WorkDirectory, "haproxy.cfg");
        await File.WriteAllTextAsync(configPath, config.Render(), cancellationToken);
        _proxy = Start("haproxy", haproxy, ["-db", "-f", configPath], new Dictionary<string, string>(), Path.Combine(WorkDirectory, "haproxy.log"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!File.Exists(ProxySocket))
        {
            if (_proxy.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"HAProxy did not start. Log:\n{_proxy.LogTail()}");
            }

            await Task.Delay(50, cancellationToken);
        }

        await WaitForProxyAsync(
            status => status.Count == _silos.Count && status.All(s => s.IsUp), TimeSpan.FromSeconds(30), "every silo UP", cancellationToken);
    }

    private ChildProcess StartSilo(SiloProcess silo, string connectionString, int smtpPort)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["ConnectionStrings__Redis"] = RedisConnectionString,
            ["Cluster__Id"] = ClusterId,
            ["Cluster__Secret"] = _clusterSecret,
            ["SessionCookie__Key"] = _sessionCookieKey,
            ["App__PublicOrigin"] = PublicOrigin.ToString().TrimEnd('/'),
            ["Silo__Port"] = silo.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Silo__ListenAddress"] = "127.0.0.1",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            // The proxy is on loopback: trust X-Forwarded-For/-Proto from loopback peers only (see deploy/REHEARSAL.md).
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["ForwardedHeaders__KnownProxies__1"] = "::1",
            ["Shutdown__DrainDelay"] = _options.DrainDelay.ToString("c", CultureInfo.InvariantCulture),
            ["DOTNET_shutdownTimeoutSeconds"] = "25",
        };
        if (RepositoryLayout.WebRoot is { } webRoot)
        {
            environment["ASPNETCORE_WEBROOT"] = webRoot;
        }

        foreach (var (key, value) in SiloCertificates.Environment())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in _options.Settings)
        {
            environment[key] = value;
        }

        return Start(
            silo.Name,
            "dotnet",
            [Path.Combine(_appDirectory, "FitFolio.Api.dll"), "--contentRoot", _appDirectory, "--urls", silo.Address.ToString().TrimEnd('/')],
            environment,
            silo.LogPath);
    }

    private ChildProcess Start(
        string name, string program, IEnumerable<string> arguments, Dictionary<string, string> environment, string logPath, string? workingDirectory = null)
    {
        environment[StaleRehearsals.MarkerVariable] = WorkDirectory;
        var child = ChildProcess.Start(name, program, arguments, environment, logPath, workingDirectory);
        File.AppendAllText(Path.Combine(WorkDirectory, StaleRehearsals.ChildrenFile), child.Id.ToString(CultureInfo.InvariantCulture) + "\n");
        return child;
    }

    /// <summary>
    /// smtp4dev, from the repository's tool manifest (so its version is the one pinned there): web UI and API
    /// on <paramref name="webPort"/>, SMTP on <paramref name="smtpPort"/>, messages in memory, no IMAP or POP3,
    /// its settings and keys in the work directory rather than the user's home.
    /// </summary>
    private ChildProcess StartMailbox(int webPort, int smtpPort)
    {
        if (!File.Exists(RepositoryLayout.ToolManifest))
        {
            throw new InvalidOperationException($"No tool manifest at {RepositoryLayout.ToolManifest}: smtp4dev cannot be started.");
        }

        string[] arguments =
        [
            "tool", "run", "smtp4dev",
            $"--urls=http://127.0.0.1:{webPort}", $"--smtpport={smtpPort}", "--bindaddress=127.0.0.1", "--hostname=localhost",
            "--imapport=", "--pop3port=", "--db=", "--messagestokeep=1000", "--nousersettings",
            $"--baseappdatapath={Path.Combine(WorkDirectory, "smtp4dev")}",
        ];
        return Start("smtp4dev", "dotnet", arguments, new Dictionary<string, string>(), Path.Combine(WorkDirectory, "smtp4dev.log"), RepositoryLayout.Root);
    }

    private async Task WaitForMailboxAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Mailbox, "/api/messages"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (_mail!.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"smtp4dev did not start (dotnet tool restore installs it). Log:\n{_mail.LogTail()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static string? FindProgram(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/usr/sbin").Split(':').Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
}
