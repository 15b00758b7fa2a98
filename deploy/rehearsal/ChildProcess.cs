using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FitFolio.Rehearsal;

/// <summary>
/// A process the rehearsal started, in a session of its own (so a Ctrl-C in the terminal reaches
/// only the launcher, which then stops everything in order), its output appended to a log file.
/// The pid is the program's own: the shell that starts it execs <c>setsid</c>, which execs the program.
/// </summary>
public sealed partial class ChildProcess : IDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    private readonly Process _process;

    private ChildProcess(Process process, string name, string logPath)
    {
        _process = process;
        Name = name;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ChildProcess Start(
        string name,
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string logPath,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = workingDirectory ?? "" };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=$1; shift; exec setsid \"$@\" >>\"$log\" 2>&1 </dev/null");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(logPath);
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name} ({program}).");
        return new ChildProcess(process, name, logPath);
    }

    /// <summary>SIGTERM: the orderly stop (FitFolio drains, hands off its grains and leaves the cluster).</summary>
    public void Terminate() => Signal(SigTerm);

    /// <summary>SIGKILL: the crash. Nothing is flushed; the cluster must notice by missed heartbeats.</summary>
    public void Kill() => Signal(SigKill);

    public void Signal(int signal)
    {
        if (!_process.HasExited && SendSignal(_process.Id, signal) != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed for {Name}: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Waits for the exit up to <paramref name="timeout"/>; false when still running.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        Terminate();
        if (!await WaitForExitAsync(grace))
        {
            // The whole tree: a launcher (`dotnet tool run smtp4dev`) must not leave its program behind.
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string LogTail(int lines = 30) => LogFiles.Tail(LogPath, lines);

    public void Dispose() => _process.Dispose();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
