using FitFolio.Rehearsal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// The proxied /auth/me row's baseline: three hello-world Kestrel servers behind an HAProxy started
/// from the rehearsal's own configuration (<see cref="HaProxyConfig"/>: TLS 1.3 on loopback, round
/// robin, keep-alive to the servers, the same readiness check), so the ratio is "what FitFolio over
/// three silos costs" against "what the same proxy path costs with nothing behind it".
/// </summary>
internal sealed class HelloBehindProxy : IAsyncDisposable
{
    private readonly List<WebApplication> _servers = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fitfolio-bench-hello-proxy-" + Guid.NewGuid().ToString("N")[..8]);
    private ChildProcess? _proxy;

    public Uri Address { get; private set; } = null!;

    public int ProxyProcessId => _proxy!.Id;

    public static async Task<HelloBehindProxy> StartAsync(int servers)
    {
        var stack = new HelloBehindProxy();
        try
        {
            await stack.StartAllAsync(servers);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(int count)
    {
        Directory.CreateDirectory(_directory);
        var haproxy = new[] { "/usr/sbin/haproxy", "/usr/bin/haproxy" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("haproxy is not installed: apt-get install haproxy");
        var backends = new List<(string Name, int Port)>();
        for (var i = 0; i < count; i++)
        {
            var app = HelloServer();
            await app.StartAsync();
            _servers.Add(app);
            backends.Add(($"hello{i + 1}", ListenAddress.Of(app).Port));
        }

        var port = FreePorts.Take(1)[0];
        var socket = Path.Combine(_directory, "haproxy.sock");
        var config = new HaProxyConfig(port, await SelfSignedCertificate.CreateAsync(_directory), socket, backends);
        var configPath = Path.Combine(_directory, "haproxy.cfg");
        await File.WriteAllTextAsync(configPath, config.Render());
        _proxy = ChildProcess.Start("haproxy", haproxy, ["-db", "-f", configPath], new Dictionary<string, string>(), Path.Combine(_directory, "haproxy.log"));
        Address = new Uri($"https://localhost:{port}/");

        // Serving once every server passed its readiness check (rise 2), as the rehearsal waits.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await AllUpAsync(socket, count))
        {
            if (_proxy.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"HAProxy in front of the hello-world servers did not come up. Log:\n{_proxy.LogTail()}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<bool> AllUpAsync(string socket, int count)
    {
        if (!File.Exists(socket))
        {
            return false;
        }

        try
        {
            return (await ProxyStatus.ReadAsync(socket)).Count(s => s.IsUp) == count;
        }
        catch (IOException)
        {
            return false;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>The hello-world scenario's server, plus the readiness path HAProxy checks.</summary>
    private static WebApplication HelloServer()
    {
        var builder = LoopbackServer.CreateBuilder();
        var app = builder.Build();
        app.MapGet("/", () => "hello");
        app.MapGet("/healthz/ready", () => Results.Ok());
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is { HasExited: false })
        {
            _proxy.Terminate();
        }

        _proxy?.Dispose();
        foreach (var server in _servers)
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
