using System.Globalization;
using System.Net;
using FitFolio.Rehearsal;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// One FitFolio.Api process (front door and silo) started from the built FitFolio.Api.dll, as a
/// replica runs. Its HTTP and silo ports are fixed at start, so a silo address in Redis names
/// the process that owns it. <see cref="KillAsync"/> is SIGKILL: a real crash.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    private readonly ChildProcess _process;

    private ApiProcess(ChildProcess process, int httpPort, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
        Address = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri Address { get; }

    public int SiloPort { get; }

    public string Name => _process.Name;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts FitFolio.Api with <paramref name="environment"/> (ASP.NET Core names, e.g. <c>Cluster__Id</c>) plus its own ports; its output goes to a log in
    /// <paramref name="logDirectory"/>.
    /// </summary>
    public static ApiProcess Start(string name, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        if (!File.Exists(RepositoryLayout.ApiAssembly))
        {
            throw new InvalidOperationException(
                $"FitFolio.Api is not built ({RepositoryLayout.ApiAssembly}): dotnet build -c {RepositoryLayout.Configuration} FitFolio.Api");
        }

        var ports = FreePorts.Take(2);
        var settings = new Dictionary<string, string>(environment)
        {
            ["Silo__Port"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Silo__ListenAddress"] = "127.0.0.1",
        };
        var address = $"http://127.0.0.1:{ports[0].ToString(CultureInfo.InvariantCulture)}";
        var process = ChildProcess.Start(
            name,
            "dotnet",
            [RepositoryLayout.ApiAssembly, "--contentRoot", RepositoryLayout.ApiDirectory, "--urls", address],
            settings,
            Path.Combine(logDirectory, name + ".log"));
        return new ApiProcess(process, ports[0], ports[1]);
    }

    /// <summary>Whether <paramref name="silo"/> is this process's silo (same loopback port).</summary>
    public bool Owns(SiloAddress silo) => silo.Endpoint.Port == SiloPort;

    public ApiClient Client() => new(Address, ApiClient.DefaultOrigin);

    /// <summary>GET /healthz/ready answers 200: the silo is Active in membership and PostgreSQL answers.</summary>
    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(Address, "/healthz/ready"), TestContext.Current.CancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException
            && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsReadyAsync())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} while starting. Log:\n{LogTail()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds} s. Log:\n{LogTail()}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>SIGKILL: nothing flushed, no membership row written; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public string LogTail(int lines = 40) => _process.LogTail(lines);

    /// <summary>SIGTERM (the graceful stop), SIGKILL if it has not exited in 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
    }
}
