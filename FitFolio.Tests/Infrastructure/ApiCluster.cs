using FitFolio.TestMail;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// Several FitFolio hosts (each a silo) on one database and one mailbox, started together and
/// waited on until every silo sees all of them: the cluster the multi-silo API tests run on.
/// </summary>
public sealed class ApiCluster : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly IDictionary<string, string?> _settings;

    private ApiCluster(string connectionString, IDictionary<string, string?> settings)
    {
        _connectionString = connectionString;
        _settings = settings;
    }

    public TestMailbox Mail { get; } = new();

    public List<ApiHost> Hosts { get; } = [];

    public static async Task<ApiCluster> StartAsync(string connectionString, int silos, IDictionary<string, string?> settings)
    {
        var cluster = new ApiCluster(connectionString, new Dictionary<string, string?>(settings) { ["Cluster:Id"] = "test-" + Guid.NewGuid().ToString("N") });
        await cluster.Mail.StartAsync(0);
        for (var i = 0; i < silos; i++)
        {
            cluster.Hosts.Add(await ApiHost.StartAsync(connectionString, cluster.Mail.Port, cluster._settings));
        }

        await cluster.WaitUntilWholeAsync();
        return cluster;
    }

    /// <summary>Starts one more host with the cluster's settings (a restart of a stopped one).</summary>
    public async Task<ApiHost> AddHostAsync()
    {
        var host = await ApiHost.StartAsync(_connectionString, Mail.Port, _settings);
        Hosts.Add(host);
        return host;
    }

    /// <summary>Waits until every running host sees exactly the running hosts as active.</summary>
    public Task WaitUntilWholeAsync()
    {
        var running = Hosts.Where(h => !h.Stopped).ToList();
        var expected = running.Select(h => h.SiloAddress).OrderBy(a => a.ToParsableString(), StringComparer.Ordinal).ToList();
        return Eventually.TrueAsync(
            () => running.All(h => h.Readiness.ActiveSilos.SequenceEqual(expected)),
            TimeSpan.FromSeconds(30),
            "every running silo to see exactly the running silos");
    }

    /// <summary>Signs a new client in on <paramref name="host"/> by the emailed link.</summary>
    public async Task<ApiClient> SignInAsync(ApiHost host, string email)
    {
        var client = host.Client();
        await Mail.SignInAsync(client, email);
        return client;
    }

    /// <summary>The same browser (its cookies) talking to another host.</summary>
    public static ApiClient CloneOnto(ApiClient source, ApiHost host) => CloneOnto(source, host.Client());

    /// <summary>The same browser (its cookies) as <paramref name="client"/>, a client of another front door.</summary>
    public static ApiClient CloneOnto(ApiClient source, ApiClient client)
    {
        foreach (var (name, value) in source.Cookies)
        {
            client.Cookies[name] = value;
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        await Mail.DisposeAsync();
    }
}
