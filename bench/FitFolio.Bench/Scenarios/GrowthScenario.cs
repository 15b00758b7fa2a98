using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using FitFolio.Seed;
using Npgsql;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// Where the cost grows with the data: five reads, each measured at 1x, 10x and 100x data in one run, reported as the
/// ratio of the 100x median to the 1x median (target &lt;= 3x: flat, or logarithmic, not linear). A person's own reads
/// (records, a 12-week progress series, a page in the middle of the history) use three people with 800, 8,000 and
/// 80,000 sets (<see cref="TrainingHistory"/>; 20 / 200 / 2,000 with <c>--quick</c>), measured interleaved so a load
/// spike lands on all three alike. The admin's reads (a search for one address, the second page of the audit log)
/// are measured as FitFolio.Seed grows the database from 100 to 1,000 to 10,000 people (2 / 20 / 200 with
/// <c>--quick</c>) and their audit trails.
/// </summary>
internal sealed class GrowthScenario : IScenario
{
    private const string AdminEmail = "growth-admin@fitfolio.example";
    private static readonly int[] Factors = [1, 10, 100];

    public string Id => "growth";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var quick = context.Options.Quick;
        var baseSets = quick ? 20 : 800;
        var basePeople = quick ? 2 : 100;
        var requests = quick ? 8 : 60;
        var connectionString = await context.DatabaseAsync();
        await using var host = await FitFolioHost.StartAsync(
            connectionString, extraSettings: new Dictionary<string, string> { ["Auth:AdminEmails:0"] = AdminEmail });
        var admin = await LinkSignIn.RunAsync(host, AdminEmail, provedWithPasskey: true);

        var persons = new List<(HttpClient Client, Guid Exercise, int Sets)>();
        var written = Stopwatch.StartNew();
        foreach (var factor in Factors)
        {
            var person = await LinkSignIn.RunAsync(host, $"growth-{factor}x-{Guid.NewGuid():N}@bench.example");
            var exercise = await TrainingHistory.WriteAsync(connectionString, person.User.Id, baseSets * factor);
            var client = Client(host, person);
            // The first read replays the written history into stored records (the repair path), untimed.
            await GetAsync(client, "/api/v1/training/records");
            persons.Add((client, exercise, baseSets * factor));
        }

        BenchContext.Progress($"growth: histories of {string.Join(" / ", persons.Select(p => p.Sets.ToString("N0", CultureInfo.InvariantCulture)))} sets " +
            $"written and replayed in {written.Elapsed.TotalSeconds:0.0} s; {requests} requests per size and row");
        var from = DateTime.UtcNow.Date.AddDays(-84).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var middlePages = new List<string>();
        foreach (var (client, _, _) in persons)
        {
            middlePages.Add(await MiddlePageAsync(client));
        }

        var rows = new List<ScenarioResult>
        {
            await InterleavedAsync("GET /records", persons.Select(p => (p.Client, "/api/v1/training/records")).ToList(), requests, SetsNote(persons)),
            await InterleavedAsync(
                "GET exercise progress series, last 12 weeks",
                persons.Select(p => (p.Client, $"/api/v1/training/exercises/{p.Exercise}/progress?from={from}")).ToList(),
                requests,
                SetsNote(persons) + "; the exercise with the most sets, from 12 weeks back (the whole series grows with the history by nature)"),
            await InterleavedAsync(
                "History paging: a page in the middle (keyset cursor)",
                persons.Select((p, i) => (p.Client, middlePages[i])).ToList(),
                requests,
                SetsNote(persons) + "; GET /training/workouts, 20 a page, the cursor of the page halfway through the history"),
        };

        // The admin's reads grow with everyone's data: the database grows between the sizes, so these are measured in turn.
        using var adminClient = Client(host, admin);
        var search = new List<List<TimeSpan>>();
        var audit = new List<List<TimeSpan>>();
        var sizes = new List<string>();
        string? target = null;
        var seeded = 0;
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            foreach (var factor in Factors)
            {
                var seedTime = Stopwatch.StartNew();
                var result = await Seeder.RunAsync(dataSource, new SeedOptions
                {
                    People = (basePeople * factor) - seeded,
                    Seed = 4_030 + factor,
                    Until = DateTimeOffset.UtcNow,
                    Training = false,
                });
                seeded = basePeople * factor;
                // One address of the first batch, searched for at every size: the answer stays one person.
                target ??= result.People[0].Email.Split('@')[0] + "@";
                var events = await CountAsync(dataSource, "select count(*) from login_events");
                sizes.Add(string.Create(
                    CultureInfo.InvariantCulture, $"{seeded:N0} people, {events:N0} audit events (seeded in {seedTime.Elapsed.TotalSeconds:0.0} s)"));
                var auditPage = "/api/v1/admin/audit/events?limit=50&cursor=" + Uri.EscapeDataString(
                    (await GetAsync(adminClient, "/api/v1/admin/audit/events?limit=50")).GetProperty("nextCursor").GetString()!);
                search.Add(await TimeAsync(adminClient, "/api/v1/admin/users?query=" + Uri.EscapeDataString(target), requests));
                audit.Add(await TimeAsync(adminClient, auditPage, requests));
            }
        }

        var sizeNote = string.Join("; ", sizes.Select((s, i) => $"{Factors[i]}x: {s}"));
        rows.Add(Row("Admin user search for one address", search, $"{sizeNote}; query '{target}'"));
        rows.Add(Row("Audit paging: the second page", audit, $"{sizeNote}; GET /admin/audit/events, 50 a page, no filter, the first page's cursor"));
        foreach (var (client, _, _) in persons)
        {
            client.Dispose();
        }

        return rows;
    }

    private static string SetsNote(List<(HttpClient Client, Guid Exercise, int Sets)> persons) =>
        "one person each with " + string.Join(" / ", persons.Select(p => p.Sets.ToString("N0", CultureInfo.InvariantCulture))) + " sets";

    private static HttpClient Client(FitFolioHost host, LinkSignIn.Result signedIn)
    {
        var client = new HttpClient { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Add("Cookie", $"ff_session={signedIn.SessionCookie}; ff_csrf={signedIn.CsrfCookie}");
        return client;
    }

    /// <summary>Walks the history's pages to the one halfway through and returns its path (cursor included).</summary>
    private static async Task<string> MiddlePageAsync(HttpClient client)
    {
        var pages = new List<string> { "/api/v1/training/workouts?limit=20" };
        while ((await GetAsync(client, pages[^1])).GetProperty("nextCursor").GetString() is { } cursor)
        {
            pages.Add("/api/v1/training/workouts?limit=20&cursor=" + Uri.EscapeDataString(cursor));
        }

        return pages[pages.Count / 2];
    }

    /// <summary>The same read at each size in turn, one request at a time, after a quarter as many untimed.</summary>
    private static async Task<ScenarioResult> InterleavedAsync(string name, List<(HttpClient Client, string Path)> sizes, int requests, string notes)
    {
        var samples = sizes.Select(_ => new List<TimeSpan>(requests)).ToList();
        for (var i = 0; i < requests + (requests / 4); i++)
        {
            for (var s = 0; s < sizes.Count; s++)
            {
                var started = Stopwatch.GetTimestamp();
                await GetAsync(sizes[s].Client, sizes[s].Path);
                if (i >= requests / 4)
                {
                    samples[s].Add(Stopwatch.GetElapsedTime(started));
                }
            }
        }

        return Row(name, samples, notes + "; measured interleaved");
    }

    private static async Task<List<TimeSpan>> TimeAsync(HttpClient client, string path, int requests)
    {
        var samples = new List<TimeSpan>(requests);
        for (var i = 0; i < requests + (requests / 4); i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetAsync(client, path);
            if (i >= requests / 4)
            {
                samples.Add(Stopwatch.GetElapsedTime(started));
            }
        }

        return samples;
    }

    /// <summary>The ratio of the 100x median to the 1x median; the notes give every size's median.</summary>
    private static ScenarioResult Row(string name, List<List<TimeSpan>> bySize, string notes)
    {
        foreach (var samples in bySize)
        {
            samples.Sort();
        }

        static TimeSpan At(List<TimeSpan> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
        var medians = bySize.Select(s => At(s, 0.5)).ToList();
        return new ScenarioResult(
            $"Growth: {name}, 100x / 1x",
            medians[^1] / medians[0],
            "x (p50)",
            Target.AtMost(3),
            new LatencySummary(At(bySize[^1], 0.5), At(bySize[^1], 0.99), bySize[^1].Count),
            string.Join(", ", medians.Select((m, i) => $"{Factors[i]}x p50 {Format.Duration(m)}")) + $" (p50/p99 columns: 100x); {notes}");
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        }

        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
