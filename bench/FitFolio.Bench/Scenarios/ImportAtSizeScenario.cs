using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Reporting;
using FitFolio.Seed;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// A 100,000-set Strong export (10,000 with <c>--quick</c>; <see cref="StrongExport"/>) posted to the import route of a whole
/// FitFolio host as the app posts it, by a person with no history, and followed as the app follows it (the route answers 202,
/// the progress is polled until the summary): the row is the seconds from the POST to the summary (target 15 s for the full
/// file, issue 17). The same file is then imported again, which must add nothing; its time is in the notes.
/// </summary>
internal sealed class ImportAtSizeScenario : IScenario
{
    public string Id => "import";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var connectionString = await context.DatabaseAsync();
        await using var host = await FitFolioHost.StartAsync(connectionString);
        var signedIn = await LinkSignIn.RunAsync(host, $"import-{Guid.NewGuid():N}@bench.example");
        var rows = context.Options.Quick ? 10_000 : 100_000;
        var file = StrongExport.Write(rows);
        BenchContext.Progress($"import at size: {rows:N0} rows, {file.Length / 1024.0 / 1024.0:0.0} MB");

        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("Cookie", $"ff_session={signedIn.SessionCookie}; ff_csrf={signedIn.CsrfCookie}");
        client.DefaultRequestHeaders.Add("X-CSRF-Token", signedIn.CsrfCookie);
        client.DefaultRequestHeaders.Add("Origin", FitFolioHost.Origin);
        var cpu = Measurement.ProcessCpu.Now();
        var first = Stopwatch.StartNew();
        var summary = await ImportAsync(client, file);
        first.Stop();
        var polls = ImportPolls;
        var cpuUsed = Measurement.ProcessCpu.Now() - cpu;
        var imported = summary.GetProperty("setsImported").GetInt32();
        if (imported != rows)
        {
            throw new InvalidOperationException($"The import took {imported:N0} of {rows:N0} sets.");
        }

        var second = Stopwatch.StartNew();
        var again = await ImportAsync(client, file);
        second.Stop();
        if (again.GetProperty("setsImported").GetInt32() != 0 || again.GetProperty("workoutsImported").GetInt32() != 0)
        {
            throw new InvalidOperationException("Importing the same file again added sets.");
        }

        return
        [
            new ScenarioResult(
                $"Import a Strong export, {rows:N0} sets", first.Elapsed.TotalSeconds, "s", Target.AtMost(15), null,
                string.Create(CultureInfo.InvariantCulture,
                    $"{file.Length / 1024.0 / 1024.0:0.0} MB, {StrongExport.WorkoutsOf(rows):N0} workouts, one POST as the app sends it, ") +
                string.Create(CultureInfo.InvariantCulture, $"progress polled every {PollInterval.TotalMilliseconds:0} ms ({polls} polls); ") +
                $"the same file again added nothing in {Format.Duration(second.Elapsed)}; CPU is the bench process's (host and client; not PostgreSQL's)",
                cpuUsed),
        ];
    }

    // The app's polling interval (web/src/training/import/ImportForm.tsx): the time to the summary includes what polling costs.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(400);

    private int ImportPolls { get; set; }

    /// <summary>Posts the file (202), then polls its progress until the summary; answers the summary.</summary>
    private async Task<JsonElement> ImportAsync(HttpClient client, byte[] file)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync("/api/v1/training/import?tz=UTC", content);
        var progress = await ReadAsync(response, HttpStatusCode.Accepted);
        var location = response.Headers.Location ?? throw new InvalidOperationException("The import's 202 named no progress address.");
        ImportPolls = 0;
        while (progress.GetProperty("status").GetString() == "running")
        {
            await Task.Delay(PollInterval);
            using var polled = await client.GetAsync(location);
            progress = await ReadAsync(polled, HttpStatusCode.OK);
            ImportPolls++;
        }

        return progress.GetProperty("status").GetString() == "finished"
            ? progress.GetProperty("summary")
            : throw new InvalidOperationException($"The import ended {progress}.");
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == expected
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {body}");
    }
}
