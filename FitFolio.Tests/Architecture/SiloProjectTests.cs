using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Architecture;

/// <summary>
/// FitFolio.Silo is the Orleans silo's configuration, not a runtime of our own: it stays small, and
/// nothing in it re-creates what Orleans provides (activations, placement, membership, messaging).
/// </summary>
public sealed class SiloProjectTests
{
    // 800 before issue 15; silo TLS (loading the certificate files and pinning peers to the cluster CA or thumbprints,
    // which Connections.Security leaves to the caller: ~270 lines) and Redis' readiness and start check (~75) are
    // configuration too, so the bound moved with them, not the rule.
    private const int MaximumLines = 1100;

    [Fact]
    public void FitFolio_Silo_holds_at_most_1100_lines_of_code()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(PostgresServer.RepositoryRoot, "FitFolio.Silo"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var lines = sources.Sum(path => File.ReadLines(path).Count());

        Assert.NotEmpty(sources);
        Assert.True(lines <= MaximumLines, $"FitFolio.Silo has {lines} lines in {sources.Count} files; at most {MaximumLines}.");
    }

    [Fact]
    public void FitFolio_Silo_defines_no_grain_or_grain_interface()
    {
        var types = typeof(Silo.Hosting.SiloBuilderExtensions).Assembly.GetTypes();

        Assert.DoesNotContain(types, t => typeof(Grain).IsAssignableFrom(t) || typeof(IAddressable).IsAssignableFrom(t));
    }
}
