using FitFolio.Bench.Infrastructure;

namespace FitFolio.Bench.Scenarios;

/// <summary>What every scenario shares: the options and the run's database (created on first use; hello-world needs none).</summary>
internal sealed class BenchContext(BenchOptions options, string adminConnectionString) : IAsyncDisposable
{
    private BenchDatabase? _database;

    public BenchOptions Options { get; } = options;

    public async Task<string> DatabaseAsync()
    {
        _database ??= await BenchDatabase.CreateAsync(adminConnectionString);
        return _database.ConnectionString;
    }

    public static void Progress(string message) => Console.Error.WriteLine("  " + message);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
