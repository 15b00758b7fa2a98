namespace FitFolio.Api.Dashboard;

/// <summary>When the Orleans Dashboard's per-call profiler times grain calls (<c>Orleans:Dashboard:Profiler</c>).</summary>
public enum DashboardProfiler
{
    /// <summary>Never: its grain call filter is not installed, so no call pays for it, and the dashboard shows no per-method timings.</summary>
    Off,

    /// <summary>
    /// The package's own behaviour: on in every silo while an admin's dashboard is open (each of its
    /// queries turns it on), off again after <c>Orleans:Dashboard:ProfilerIdleTimeout</c> without one.
    /// </summary>
    WhileViewed,

    /// <summary>Always on (the package's <c>TraceAlways</c>): every grain call is timed whether or not anyone looks.</summary>
    Always,
}
