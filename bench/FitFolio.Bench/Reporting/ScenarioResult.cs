using FitFolio.Bench.Measurement;

namespace FitFolio.Bench.Reporting;

/// <summary>One row of the final table. <see cref="CpuPerOperation"/> is this process's CPU only (not wrk's, not PostgreSQL's).</summary>
internal sealed record ScenarioResult(
    string Scenario,
    double Value,
    string Unit,
    Target? Target = null,
    LatencySummary? Latency = null,
    string Notes = "",
    TimeSpan? CpuPerOperation = null,
    IReadOnlyList<RatioTarget>? Ratios = null)
{
    /// <summary>Whether the absolute <see cref="Target"/> is met; ratio targets need the other rows, so <see cref="ResultTable"/> judges those.</summary>
    public bool? Passed => Errored ? false : Target?.IsMetBy(Value);

    /// <summary>The scenario threw: its row is a failure whatever its targets, never a blank verdict.</summary>
    public bool Errored { get; private init; }

    public static ScenarioResult Failed(string scenario, string reason) => new(scenario, double.NaN, "", Notes: "ERROR: " + reason) { Errored = true };
}
