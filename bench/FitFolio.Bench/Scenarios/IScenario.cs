using FitFolio.Bench.Reporting;

namespace FitFolio.Bench.Scenarios;

internal interface IScenario
{
    /// <summary>Short id the command-line filter matches, such as <c>local</c>.</summary>
    string Id { get; }

    Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context);
}
