using FitFolio.Bench.Reporting;

namespace FitFolio.Bench.Scenarios;

internal interface IScenario
{
    /// <summary>Short id the command-line filter matches, such as <c>local</c>.</summary>
    string Id { get; }

    /// <summary>Ids of the scenarios whose rows this one's ratio targets divide by; they always run with it.</summary>
    IReadOnlyList<string> Baselines => [];

    Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context);
}
