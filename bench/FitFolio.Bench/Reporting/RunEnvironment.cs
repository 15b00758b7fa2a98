using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using FitFolio.Api.Dashboard;
using Microsoft.Extensions.Configuration;

namespace FitFolio.Bench.Reporting;

/// <summary>What the figures depend on besides the code: cores, runtime, GC mode and how busy the machine was.</summary>
internal sealed class RunEnvironment
{
    private readonly string _loadAtStart = ReadLoadAverage();

    public string Mode { get; init; } = "";

    public string Describe() =>
        string.Join(
            Environment.NewLine,
            $"- mode: {Mode}; {Environment.ProcessorCount} cores; {RuntimeInformation.FrameworkDescription}; {RuntimeInformation.OSDescription}",
            $"- GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {GCSettings.LatencyMode}",
            $"- Orleans Dashboard on every FitFolio host and silo process: {Dashboard()} (Orleans__Dashboard__*); " +
            "the bare silos of the grain-runtime rows never run it",
            $"- silo-to-silo TLS: {SiloTls()}",
            $"- load average (1/5/15 min): at start {_loadAtStart}; at end {ReadLoadAverage()}",
            $"- finished {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");

    /// <summary>
    /// Read as the hosts read it: they take no dashboard setting from the bench, so the environment
    /// (inherited by the rehearsal's silo processes too) decides, with the defaults of <see cref="ClusterDashboardOptions"/>.
    /// </summary>
    private static string Dashboard() => ClusterDashboard.Read(new ConfigurationBuilder().AddEnvironmentVariables().Build()).Describe();

    // Every silo the bench starts reads Silo:Tls from the environment ./fitfolio bench sets (production's mutual TLS).
    private static string SiloTls() =>
        Environment.GetEnvironmentVariable("Silo__Tls__Enabled") is { } enabled && enabled.Equals("false", StringComparison.OrdinalIgnoreCase)
            ? "off"
            : Environment.GetEnvironmentVariable("Silo__Tls__CertificateFile") is { Length: > 0 }
                ? "on (mutual, pinned to the run's cluster CA)"
                : "not configured (silos refuse to start)";

    private static string ReadLoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
