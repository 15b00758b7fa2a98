using System.Net;

namespace FitFolio.Rehearsal;

/// <summary>
/// One FitFolio.Api process of the rehearsal: its public HTTP port (behind the proxy) and its
/// internal silo port stay the same across restarts, as a container's would.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private static readonly HttpClient Http = new(
        new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
    {
        Timeout = TimeSpan.FromSeconds(5)
    };

    private readonly Func<SiloProcess, ChildProcess> _start;
    private ChildProcess? _process;
    private int _starts;

    internal SiloProcess(string name, int httpPort, int siloPort, string logDirectory, Func<SiloProcess, ChildProcess> start)
    {
        Name = name;
        HttpPort = httpPort;
        SiloPort = siloPort;
        LogDirectory = logDirectory;
        _start = start;
    }

    /// <summary>silo1, silo2, ...: also the server's name in the proxy.</summary>
    public string Name { get; }

    public int HttpPort { get; }

    public int SiloPort { get; }

    /// <summary>The silo's own HTTP address, bypassing the proxy.</summary>
    public Uri Address => new($"http://127.0.0.1:{HttpPort}");

    internal string LogDirectory { get; }

    /// <summary>The log of the current (or last) process: one file per start.</summary>
    public string LogPath => Path.Combine(LogDirectory, $"{Name}.{_starts}.log");

    public int? ProcessId => _process?.Id;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The exit code of the last process, once it has exited.</summary>
    public int ExitCode => Running(allowExited: true).ExitCode;

    /// <summary>Starts the process (again, after a stop or kill) and waits until <c>/healthz/ready</c> answers 200.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        _process?.Dispose();
        _starts++;
        _process = _start(this);
        await WaitUntilReadyAsync(timeout, cancellationToken);
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started.");
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsReadyAsync(cancellationToken))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} while starting. Log:\n{process.LogTail()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds} s. Log:\n{process.LogTail()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>GET /healthz/ready on the silo itself answers 200.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(Address, "/healthz/ready"), cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        var process = Running();
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the graceful stop. Waits for the exit (the drain delay, in-flight requests, grain hand-off) and returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var process = Running();
        process.Terminate();
        if (!await process.WaitForExitAsync(timeout))
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds} s of SIGTERM. Log:\n{process.LogTail()}");
        }

        return process.ExitCode;
    }

    /// <summary>Sends SIGTERM without waiting (see <see cref="WaitForExitAsync"/>).</summary>
    public void SendTerminate() => Running().Terminate();

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => Running(allowExited: true).WaitForExitAsync(cancellationToken);

    /// <summary>Best effort at the end: SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public Task StopAsync(TimeSpan grace) => _process is { } process ? process.StopAsync(grace) : Task.CompletedTask;

    public string LogTail(int lines = 30) => LogFiles.Tail(LogPath, lines);

    public void Dispose() => _process?.Dispose();

    private ChildProcess Running(bool allowExited = false) =>
        _process is { } process && (allowExited || !process.HasExited) ? process : throw new InvalidOperationException($"{Name} is not running.");
}
