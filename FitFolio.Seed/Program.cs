using System.Globalization;
using FitFolio.Api.Database;
using FitFolio.Seed;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// Usage: ./fitfolio seed [--people N] [--seed S] [--years Y]   (ConnectionStrings__Postgres: the database to fill)
var people = 100;
var seed = 1;
var years = 3.0;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--people" when i + 1 < args.Length:
            people = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--seed" when i + 1 < args.Length:
            seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--years" when i + 1 < args.Length:
            years = double.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine("usage: seed [--people N] [--seed S] [--years Y]");
            return 64;
    }
}

var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
if (string.IsNullOrEmpty(connectionString))
{
    Console.Error.WriteLine("ConnectionStrings__Postgres is not set: run through ./fitfolio seed.");
    return 2;
}

await using var dataSource = NpgsqlDataSource.Create(connectionString);
await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(MigrationSource.Embedded);
var result = await Seeder.RunAsync(dataSource, new SeedOptions { People = people, Seed = seed, MaxYears = years, Until = DateTimeOffset.UtcNow });
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"seeded {result.People.Count} people (seed {seed}): {result.Workouts} workouts, {result.Sets} sets, {result.AuditEvents} audit events " +
    $"in {result.Elapsed.TotalSeconds:0.0} s ({result.Sets / Math.Max(0.001, result.Elapsed.TotalSeconds):0} sets/s)"));
if (people > 0)
{
    // Any of them can sign in by link on the local mailbox (./fitfolio run); their seeded sessions' secrets are not printed.
    Console.WriteLine($"people: {PersonGenerator.EmailOf(seed, 0)} to {PersonGenerator.EmailOf(seed, people - 1)}");
}

return 0;
