using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Reporting;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// Lighthouse (<c>bench/lighthouse/lighthouse.mjs</c>: npm <c>lighthouse</c>, mobile emulation, Debian's Chromium) on the
/// sign-in page and on the workout logger of a signed-in person with a workout in progress, served by a whole
/// FitFolio host from <c>web/dist</c>. The median of 3 runs per page (<c>--quick</c>: one run of sign-in only).
/// Scores move with the machine's load, so they are reported, never judged.
/// </summary>
internal sealed class LighthouseScenario : IScenario
{
    public string Id => "lighthouse";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        // Lighthouse is a package of its own (bench/lighthouse), so the app's install (web/, ./fitfolio run's) leaves out its 114 packages.
        var web = Path.Combine(RepositoryRoot(), "web");
        var lighthouse = Path.Combine(RepositoryRoot(), "bench", "lighthouse");
        var dist = Path.Combine(web, "dist");
        if (!File.Exists(Path.Combine(lighthouse, "node_modules", "lighthouse", "package.json")))
        {
            await RunAsync("npm", "ci --prefer-offline --no-audit --no-fund --loglevel=error", lighthouse);
        }

        if (!File.Exists(Path.Combine(dist, "index.html")))
        {
            BenchContext.Progress("lighthouse: building web/dist (npm run build)");
            if (!File.Exists(Path.Combine(web, "node_modules", "vite", "package.json")))
            {
                await RunAsync("npm", "ci --prefer-offline --no-audit --no-fund --loglevel=error", web);
            }

            await RunAsync("npm", "run build --silent", web);
        }

        var settings = new Dictionary<string, string> { ["webroot"] = dist };
        await using var host = await FitFolioHost.StartAsync(await context.DatabaseAsync(), extraSettings: settings);
        var origin = host.Address.ToString().TrimEnd('/');
        var pages = new List<string> { $"sign-in={origin}/signin" };
        var arguments = new List<string> { "lighthouse.mjs", "--runs", context.Options.Quick ? "1" : "3" };
        if (!context.Options.Quick)
        {
            var signedIn = await LinkSignIn.RunAsync(host, "lighthouse-bench@fitfolio.example");
            pages.Add($"logger={origin}/training/workouts/{await StartWorkoutAsync(host, signedIn)}");
            arguments.AddRange(["--cookie", $"ff_session={signedIn.SessionCookie}; ff_csrf={signedIn.CsrfCookie}"]);
        }

        foreach (var page in pages)
        {
            arguments.AddRange(["--page", page]);
        }

        BenchContext.Progress($"lighthouse: {string.Join(", ", pages.Select(p => p.Split('=')[0]))}, {arguments[2]} run(s) each");
        using var report = JsonDocument.Parse(await RunAsync("node", arguments, lighthouse));
        var version = report.RootElement.GetProperty("lighthouse").GetString();
        var node = report.RootElement.GetProperty("node").GetString();
        var rows = new List<ScenarioResult>();
        foreach (var page in report.RootElement.GetProperty("pages").EnumerateArray())
        {
            var median = page.GetProperty("median");
            var runs = page.GetProperty("runs");
            var errored = runs.EnumerateArray()
                .SelectMany(r => r.GetProperty("erroredAudits").EnumerateArray().Select(a => a.GetString()))
                .Distinct()
                .ToList();
            var notes = FormattableString.Invariant(
                $"accessibility {Score(median, "accessibility")}, best practices {Score(median, "best-practices")}; ")
                + FormattableString.Invariant($"FCP {Seconds(median, "fcpMs")}, ")
                + FormattableString.Invariant(
                    $"LCP {Seconds(median, "lcpMs")}, TBT {Number(median, "tbtMs"):0} ms, CLS {Number(median, "cls"):0.000}, ")
                + FormattableString.Invariant($"{Number(median, "transferBytes") / 1024:0} KiB; ")
                + FormattableString.Invariant($"median of {runs.GetArrayLength()}; Lighthouse {version} on Node {node}, mobile; reported, not gated")
                + (errored.Count > 0 ? $"; audits that could not run: {string.Join(", ", errored)}" : "");
            var row = $"Lighthouse {page.GetProperty("name").GetString()}: performance";
            rows.Add(new ScenarioResult(row, Number(median, "performance"), "score", Notes: notes));
        }

        return rows;
    }

    private static double Number(JsonElement median, string name) =>
        median.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : double.NaN;

    private static string Score(JsonElement median, string name) => Number(median, name).ToString("0", CultureInfo.InvariantCulture);

    private static string Seconds(JsonElement median, string name) => (Number(median, name) / 1000).ToString("0.0 s", CultureInfo.InvariantCulture);

    /// <summary>Starts an empty workout the way the app does (CSRF cookie echoed, our Origin), for the logger's URL.</summary>
    private static async Task<string> StartWorkoutAsync(FitFolioHost host, LinkSignIn.Result signedIn)
    {
        using var client = new HttpClient { BaseAddress = host.Address };
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/training/workouts") { Content = JsonContent.Create(new { name = "Lighthouse" }) };
        start.Headers.Add("Cookie", $"ff_session={signedIn.SessionCookie}; ff_csrf={signedIn.CsrfCookie}");
        start.Headers.Add("X-CSRF-Token", signedIn.CsrfCookie);
        start.Headers.Add("Origin", FitFolioHost.Origin);
        using var response = await client.SendAsync(start);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException("The started workout has no id.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FitFolio.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FitFolio.sln not found above " + AppContext.BaseDirectory);
    }

    private static Task<string> RunAsync(string command, string arguments, string directory) => RunAsync(command, arguments.Split(' '), directory);

    /// <summary>Runs a command in <paramref name="directory"/>, its stderr passed through as progress; returns its stdout.</summary>
    private static async Task<string> RunAsync(string command, IEnumerable<string> arguments, string directory)
    {
        var info = new ProcessStartInfo(command) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{command} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        foreach (var line in (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("lighthouse", StringComparison.Ordinal)))
        {
            BenchContext.Progress(line.Trim());
        }

        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"{command} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {(await stderr).Trim()}");
    }
}
