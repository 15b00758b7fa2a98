using System.Net;
using FitFolio.Api.Auth;
using FitFolio.Api.Database;
using FitFolio.Seed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FitFolio.Tests.Scale;

/// <summary>The data generator (FitFolio.Seed, ./fitfolio seed): the same seed writes the same rows, and the rows look like years of training.</summary>
public sealed class SeedTests(SeededFixture seeded) : IClassFixture<SeededFixture>
{
    // Each table's rows as text, sorted: login_events without its identity column, which counts rows ever inserted.
    private static readonly string[] Fingerprinted =
    [
        "select t::text from users t", "select t::text from passkeys t", "select t::text from sessions t", "select t::text from programs t",
        "select t::text from program_days t", "select t::text from program_exercises t", "select t::text from workouts t",
        "select t::text from workout_exercises t", "select t::text from workout_sets t", "select t::text from body_weights t",
        "select (occurred_at, user_id, event_type, ip, user_agent, details)::text from login_events",
    ];

    private static readonly DateTimeOffset FixedUntil = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_same_seed_writes_the_same_rows_and_another_seed_other_people()
    {
        var options = new SeedOptions { People = 3, Seed = 11, Until = FixedUntil, MaxYears = 1, BatchSize = 2 };
        await using var first = await MigratedAsync();
        await using var second = await MigratedAsync();
        var a = await Seeder.RunAsync(first, options, TestContext.Current.CancellationToken);
        var b = await Seeder.RunAsync(second, options with { BatchSize = 3 }, TestContext.Current.CancellationToken);
        var other = await Seeder.RunAsync(second, options with { Seed = 12 }, TestContext.Current.CancellationToken);

        Assert.Equal(a.People, b.People, (x, y) => x.UserId == y.UserId && x.SessionSecrets.SequenceEqual(y.SessionSecrets));
        Assert.True(a.Sets > 0);
        Assert.Equal(a.Sets, b.Sets);
        foreach (var query in Fingerprinted)
        {
            Assert.Equal(await FingerprintAsync(first, query, a), await FingerprintAsync(second, query, b));
        }

        Assert.Empty(other.People.Select(p => p.UserId).Intersect(a.People.Select(p => p.UserId)));
        Assert.NotEqual(await FingerprintAsync(second, Fingerprinted[8], a), await FingerprintAsync(second, Fingerprinted[8], other));
    }

    [Fact]
    public async Task Histories_look_like_years_of_training()
    {
        var db = seeded.Database;
        Assert.Equal(4, seeded.Seeded.People.Count);
        // 3-5 workouts a week (one in twelve missed), none older than 3 years and a month, each of 4-8 exercises.
        Assert.Equal(0, await db.CountAsync("""
            select count(*) from (
              select user_id, count(*) / greatest(1, extract(epoch from max(started_at) - min(started_at)) / 604800.0) per_week
              from workouts group by user_id having max(started_at) - min(started_at) > interval '8 weeks') w
            where per_week < 2.4 or per_week > 5.5
            """));
        Assert.Equal(0, await db.CountAsync("select count(*) from workouts where started_at < now() - interval '3 years 1 month'"));
        Assert.Equal(0, await db.CountAsync("""
            select count(*) from (select workout_id, count(*) n from workout_exercises group by workout_id) e where n < 4 or n > 8
            """));
        Assert.Equal(0, await db.CountAsync("select count(*) from workouts where status <> 'finished' or ended_at <= started_at"));
        // Warm-ups: every person has them, and each is lighter than the working sets it leads to.
        Assert.Equal(4, await db.CountAsync("select count(distinct user_id) from workout_sets where set_type = 'warmup'"));
        Assert.Equal(0, await db.CountAsync("""
            select count(*) from workout_sets w join workout_sets s on s.workout_exercise_id = w.workout_exercise_id and s.set_type = 'working'
            where w.set_type = 'warmup' and w.weight_kg >= s.weight_kg
            """));
        // Progressive loads: a person's main lift is heavier in their last two months than in their first.
        Assert.Equal(0, await db.CountAsync("""
            with main as (
              select distinct on (s.user_id) s.user_id, s.exercise_id
              from workout_sets s join workout_exercises we on we.id = s.workout_exercise_id and we.position = 0
              group by s.user_id, s.exercise_id order by s.user_id, count(*) desc),
            span as (select user_id, min(started_at) first, max(started_at) last from workouts group by user_id)
            select count(*) from main join span using (user_id)
            where last - first > interval '6 months'
              and (select avg(weight_kg) from workout_sets s where s.user_id = main.user_id and s.exercise_id = main.exercise_id
                     and s.set_type = 'working' and s.completed_at > span.last - interval '2 months')
               <= (select avg(weight_kg) from workout_sets s where s.user_id = main.user_id and s.exercise_id = main.exercise_id
                     and s.set_type = 'working' and s.completed_at < span.first + interval '2 months')
            """));
        Assert.Equal(0, await db.CountAsync("select count(*) from body_weights where weight_kg not between 40 and 160"));
        Assert.Equal(4, await db.CountAsync("select count(distinct user_id) from body_weights"));
        Assert.True(await db.CountAsync("select count(distinct user_id) from passkeys") is > 0 and < 4);
        Assert.Equal(0, await db.CountAsync("select count(*) from (select user_id, count(*) n from sessions group by user_id) s where n not between 2 and 4"));
        Assert.True(await db.CountAsync("select count(*) from login_events where event_type = 'session_created'") >= 4);
    }

    [Fact]
    public async Task Every_seeded_session_signs_its_person_in_and_their_history_is_served()
    {
        var cookies = seeded.Host.App.Services.GetRequiredService<SessionCookie>();
        var name = seeded.Host.App.Services.GetRequiredService<CookieSettings>().SessionName;
        foreach (var person in seeded.Seeded.People)
        {
            foreach (var secret in person.SessionSecrets)
            {
                using var client = seeded.Host.Client();
                client.Cookies[name] = cookies.ValueOf(person.UserId, secret);
                var me = await client.GetAsync("/api/v1/auth/me");
                Assert.Equal(HttpStatusCode.OK, me.Status);
                Assert.Equal(person.Email, me.Body.GetProperty("email").GetString());
            }

            using var reader = seeded.Host.Client();
            reader.Cookies[name] = cookies.ValueOf(person.UserId, person.SessionSecrets[0]);
            var workouts = await reader.GetAsync("/api/v1/training/workouts");
            Assert.Equal(HttpStatusCode.OK, workouts.Status);
            Assert.NotEmpty(workouts.Body.GetProperty("items").EnumerateArray());
        }
    }

    private async Task<NpgsqlDataSource> MigratedAsync()
    {
        var source = NpgsqlDataSource.Create(await seeded.Database.CreateEmptyDatabaseAsync());
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).ApplyAsync(MigrationSource.Embedded, TestContext.Current.CancellationToken);
        return source;
    }

    private static async Task<string> FingerprintAsync(NpgsqlDataSource source, string query, SeedResult of)
    {
        var people = of.People.Select(p => p.UserId).ToArray();
        var column = query.Contains("from users", StringComparison.Ordinal) ? "id" : "user_id";
        await using var command = source.CreateCommand(
            $"select coalesce(md5(string_agg(x, '|' order by x)), '') from ({query} where {column} = any(@people)) rows (x)");
        command.Parameters.AddWithValue("people", people);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
