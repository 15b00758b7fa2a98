using FitFolio.Bench;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Reporting;
using FitFolio.Bench.Scenarios;

// Usage: ./fitfolio bench [--quick] [--enforce]
//   [hello|hello-proxy|local|cross-silo|memory|user-activation|me|me-many|me-proxy|me-sql|magic-start|magic-verify|revocation
//    |crowd|crowd-memory|records|import|growth|lighthouse]
var options = BenchOptions.Parse(args);

// The HTTP rows run back to back right after hello-world, so each ratio compares figures measured
// within a minute or two of each other; the grain-runtime rows follow.
IScenario[] all =
[
    new HelloWorldScenario(),
    new MeScenario(),
    new MeManySessionsScenario(),
    new HelloThroughProxyScenario(),
    new MeThroughProxyScenario(),
    new SqlSessionScenario(),
    new MagicLinkStartScenario(),
    new MagicLinkVerifyScenario(),
    new RevocationScenario(),
    new CrowdScenario(), new CrowdMemoryScenario(),
    new LocalCallsScenario(), new CrossSiloCallsScenario(), new IdleActivationMemoryScenario(), new UserActivationScenario(),
    new TrainingAtSizeScenario(), new ImportAtSizeScenario(), new GrowthScenario(),
    new LighthouseScenario(),
];
if (options.ShowHelp)
{
    Console.WriteLine($"bench [--quick] [--enforce] [scenario]   scenarios: {string.Join(", ", all.Select(s => s.Id))}");
    return 0;
}

var admin = Environment.GetEnvironmentVariable("FITFOLIO_BENCH_POSTGRES");
if (string.IsNullOrEmpty(admin))
{
    Console.Error.WriteLine("FITFOLIO_BENCH_POSTGRES is not set: run through ./fitfolio bench, or set it to an admin connection string.");
    return 2;
}

if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(BenchRedis.Variable)))
{
    Console.Error.WriteLine($"{BenchRedis.Variable} is not set: run through ./fitfolio bench, or set it to a Redis server (127.0.0.1:6379).");
    return 2;
}

// An exact id wins over substring matches, so "me" runs /auth/me alone rather than also me-sql and memory.
var matched = all.Any(s => s.Id == options.Filter) ? all.Where(s => s.Id == options.Filter).ToList() : all.Where(s => options.Includes(s.Id)).ToList();
if (matched.Count == 0)
{
    Console.Error.WriteLine($"No scenario matches '{options.Filter}'; scenarios: {string.Join(", ", all.Select(s => s.Id))}");
    return 2;
}

// A ratio is only judged against a baseline measured in the same run, so the baselines come along.
var wanted = matched.SelectMany(s => s.Baselines).Concat(matched.Select(s => s.Id)).ToHashSet();
var selected = all.Where(s => wanted.Contains(s.Id)).ToList();

var environment = new RunEnvironment { Mode = options.Quick ? "--quick" : "default" };
var table = new ResultTable();
var errors = 0;
await using (var context = new BenchContext(options, admin))
{
    foreach (var scenario in selected)
    {
        Console.Error.WriteLine($"==> {scenario.Id}");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            table.AddRange(await scenario.RunAsync(context));
            Console.Error.WriteLine($"  done in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        }
        catch (Exception exception)
        {
            // One broken scenario should not hide the others' figures.
            errors++;
            Console.Error.WriteLine(exception);
            table.AddRange([ScenarioResult.Failed(scenario.Id, exception.GetType().Name + ": " + exception.Message)]);
        }
    }
}

Console.WriteLine();
Console.WriteLine(table.Render(environment));
var missed = table.Missed;
return errors > 0 || table.MissingBaselines > 0 ? 1 : options.Enforce && missed > 0 ? 3 : 0;
