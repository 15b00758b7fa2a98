namespace FitFolio.Api.Dashboard;

/// <summary>Configuration section <c>Orleans:Dashboard</c>: the Orleans Dashboard, served to admins only at <see cref="ClusterDashboard.Path"/>.</summary>
public sealed class ClusterDashboardOptions
{
    public const string Section = "Orleans:Dashboard";

    /// <summary>
    /// Whether every silo runs the dashboard's collectors and the front door serves its page. Default
    /// true: the cost without anyone looking is a once-a-second metrics read and report per silo (measured in bench/README.md).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The per-call profiler. Default <see cref="DashboardProfiler.Off"/>: it puts a stopwatch and a
    /// dictionary update on every grain call in every silo, so an admin turns it on deliberately.
    /// </summary>
    public DashboardProfiler Profiler { get; set; } = DashboardProfiler.Off;

    /// <summary>
    /// With <see cref="DashboardProfiler.WhileViewed"/>: how long after the dashboard's last query the
    /// profiler stays on. Default 1 minute (the package's); checked once a minute, so it turns off within two.
    /// </summary>
    public TimeSpan ProfilerIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>One line for logs and the bench: what ran.</summary>
    public string Describe() => Enabled ? $"on, per-call profiler {Profiler}" : "off";
}
