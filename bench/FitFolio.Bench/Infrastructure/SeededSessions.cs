using System.Security.Cryptography;
using FitFolio.Api.Auth;
using FitFolio.Seed;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// People written by <c>FitFolio.Seed</c> (no training), with their first sessions as the app's cookie values. Sessions are
/// stored as hashes, so the bench makes the run's cookie key itself and gives it to the app as <c>SessionCookie__Key</c>.
/// </summary>
internal sealed class SeededSessions
{
    private readonly SessionCookie _cookies;

    private SeededSessions(SeedResult seeded, string cookieKey)
    {
        Seeded = seeded;
        CookieKey = cookieKey;
        _cookies = new SessionCookie(Options.Create(new SessionCookieOptions { Key = cookieKey }));
    }

    public SeedResult Seeded { get; }

    public string CookieKey { get; }

    public static async Task<SeededSessions> CreateAsync(string connectionString, int people, int seed)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var seeded = await Seeder.RunAsync(dataSource, new SeedOptions { People = people, Seed = seed, Until = DateTimeOffset.UtcNow, Training = false });
        return new SeededSessions(seeded, Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)));
    }

    /// <summary>The value of the session cookie of <paramref name="person"/>'s first session.</summary>
    public string CookieOf(SeededPerson person) => _cookies.ValueOf(person.UserId, person.SessionSecrets[0]);
}
