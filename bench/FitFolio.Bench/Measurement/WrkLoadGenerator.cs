using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FitFolio.Bench.Measurement;

/// <summary>
/// HTTP load from Debian's <c>wrk</c>: a C event loop, so the load generator takes as little of the
/// shared cores as possible and the server, not the client, is what saturates. Installed with
/// apt-get on first use when running as root (what <c>./fitfolio bench</c> does on Debian).
/// </summary>
internal sealed partial class WrkLoadGenerator(int threads, int connections)
{
    public int Threads { get; } = threads;

    public int Connections { get; } = connections;

    public string Describe() => $"wrk -t{Threads} -c{Connections}";

    public static async Task<string?> FindOrInstallAsync()
    {
        if (Which("wrk") is { } found)
        {
            return found;
        }

        if (Environment.UserName != "root" || Which("apt-get") is null)
        {
            return null;
        }

        Console.Error.WriteLine("  installing wrk (apt-get)");
        if (await RunAsync("apt-get", "install -y -qq --no-install-recommends wrk") != 0)
        {
            await RunAsync("apt-get", "update -qq");
            await RunAsync("apt-get", "install -y -qq --no-install-recommends wrk");
        }

        return Which("wrk");
    }

    /// <summary>One wrk run. <paramref name="request"/> adds headers (<c>-H</c>) and a Lua script (<c>-s</c>) to a plain GET.</summary>
    public async Task<WrkResult> RunAsync(string wrk, Uri url, TimeSpan duration, WrkRequest? request = null)
    {
        var info = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A 10 s timeout rather than wrk's 2 s: when other builds take the cores a slow write is slow, not lost,
        // and a timeout would void the round (socket errors fail it below).
        foreach (var argument in new[]
        {
            $"-t{Threads}",
            $"-c{Connections}",
            $"-d{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s",
            "--timeout",
            "10s",
            "--latency"
        })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var header in request?.Headers ?? [])
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add(header);
        }

        if (request?.Script is { } script)
        {
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add(script);
        }

        info.ArgumentList.Add(url.ToString());

        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {errors}");
        }

        var rate = RequestsPerSecond().Match(output);
        if (!rate.Success)
        {
            throw new InvalidOperationException("wrk printed no Requests/sec: " + output);
        }

        // Socket errors or non-2xx responses would make requests/s meaningless.
        if (output.Contains("Socket errors", StringComparison.Ordinal) || output.Contains("Non-2xx", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("wrk saw errors: " + output);
        }

        var total = TotalRequests().Match(output);
        return new WrkResult(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            new LatencySummary(Percentile(output, "50"), Percentile(output, "99"), 1),
            total.Success ? long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static TimeSpan Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return TimeSpan.Zero;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => TimeSpan.FromMicroseconds(value),
            "ms" => TimeSpan.FromMilliseconds(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    private static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);

    private static async Task<int> RunAsync(string command, string arguments)
    {
        var info = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(\d+) requests in ", RegexOptions.Multiline)]
    private static partial Regex TotalRequests();
}
