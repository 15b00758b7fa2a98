namespace FitFolio.Bench;

/// <summary>Command line: <c>[--quick] [--enforce] [scenario-filter]</c>. Durations are chosen here so every scenario scales together.</summary>
internal sealed class BenchOptions
{
    public bool Quick { get; private init; }

    /// <summary>Exit non-zero when a target is missed; off by default because a shared machine makes single runs noisy.</summary>
    public bool Enforce { get; private init; }

    /// <summary>Runs only scenarios whose id contains this (case-insensitive); null runs all.</summary>
    public string? Filter { get; private init; }

    public bool ShowHelp { get; private init; }

    /// <summary>Run before measuring so tiered JIT (and PGO) has promoted the hot paths to tier 1.</summary>
    public TimeSpan WarmUp => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);

    /// <summary>One measured round; throughput scenarios run <see cref="Rounds"/> of them and report the median.</summary>
    public TimeSpan Round => Quick ? TimeSpan.FromSeconds(1.5) : TimeSpan.FromSeconds(5);

    public int Rounds => Quick ? 1 : 3;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        var enforce = false;
        var help = false;
        string? filter = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--enforce":
                    enforce = true;
                    break;
                case "--filter" when i + 1 < args.Count:
                    filter = args[++i];
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                case var other when !other.StartsWith('-'):
                    filter = other;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Usage: bench [--quick] [--enforce] [scenario]");
            }
        }

        return new BenchOptions { Quick = quick, Enforce = enforce, Filter = filter, ShowHelp = help };
    }

    public bool Includes(string scenarioId) =>
        Filter is null || scenarioId.Contains(Filter, StringComparison.OrdinalIgnoreCase);
}
