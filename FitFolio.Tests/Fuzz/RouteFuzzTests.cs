using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FitFolio.Grains.SignIn;
using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Fuzz;

/// <summary>
/// A stateful fuzz of every operation in the OpenAPI document the API serves: valid state first (<see cref="FuzzWorld"/>), then
/// hostile requests (<see cref="HostileInput"/>) as an anonymous caller, a member, a read and a write API key and an admin.
/// Pass: no 5xx, every 4xx in the JSON error shape, and a round of requests all refused changes no table but
/// <see cref="TableSnapshot"/>'s allow-list. 20,000 requests by default, seeded; <c>FITFOLIO_FUZZ_LONG=1</c> sends 200,000,
/// <c>FITFOLIO_FUZZ_REQUESTS</c> any number, <c>FITFOLIO_FUZZ_SEED</c> another seed (the failure report names the one used).
/// </summary>
public sealed class RouteFuzzTests(RouteFuzzTests.FuzzApi api, ITestOutputHelper output) : IClassFixture<RouteFuzzTests.FuzzApi>
{
    private const int RoundSize = 24;

    public sealed class FuzzApi(PostgresServer server) : PasskeyApi(server)
    {
        // Limits far above what the fuzz sends, so every request reaches its route's own checks instead of a 429.
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(GenerousPasskeyLimits)
        {
            ["Auth:AdminEmails:0"] = AdminTests.AdminEmail,
            ["RateLimits:ApiKeyFailuresPerIp:Limit"] = "10000000",
            ["RateLimits:ApiKeyRequests:Limit"] = "10000000",
            ["RateLimits:GlobalPerIp:Limit"] = "10000000",
            ["RateLimits:GlobalPerAccount:Limit"] = "10000000",
            ["RateLimits:VerifyPerIp:Limit"] = "10000000",
            ["RateLimits:WebAuthnStartPerIp:Limit"] = "10000000",
            ["RateLimits:WebAuthnFinishPerIp:Limit"] = "10000000",
            ["RateLimits:MagicLinkStartPerIp:Limit"] = "10000000",
        };
    }

    [Fact]
    public async Task Every_route_answers_hostile_input_without_a_5xx_with_the_json_error_and_a_refusal_changes_nothing()
    {
        var total = Environment.GetEnvironmentVariable("FITFOLIO_FUZZ_LONG") == "1"
            ? 200_000
            : int.TryParse(Environment.GetEnvironmentVariable("FITFOLIO_FUZZ_REQUESTS"), out var n) ? n : 20_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FITFOLIO_FUZZ_SEED"), out var s) ? s : 20_2612;
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 8,
            // Header values go out byte for byte as Latin-1: "é" is the lone byte 0xE9, which is not UTF-8.
            RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.Latin1,
        })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        using var reader = api.Host.Client();
        var document = JsonNode.Parse((await reader.GetAsync("/api/v1/openapi.json")).Text)!.AsObject();
        var operations = FuzzOperation.AllOf(document);
        Assert.True(operations.Count > 40, $"only {operations.Count} operations in the document");

        var generation = 0;
        var world = await FuzzWorld.CreateAsync(api, generation);
        var random = new Random(seed);
        var snapshotQuery = await TableSnapshot.QueryAsync(api.Database.DataSource);
        var before = await TableSnapshot.TakeAsync(api.Database.DataSource, snapshotQuery);
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var covered = new ConcurrentDictionary<string, int>();
        var serverRefusals = 0;
        var sent = 0;
        var strictRounds = 0;
        // Operation by operation, so one that ends the member's session or deletes the account costs one rebuild of the state, after its rounds.
        var roundsPerOperation = (int)Math.Ceiling(total / (double)(RoundSize * operations.Count));
        foreach (var operation in operations)
        {
            var changedAny = false;
            // Every operation gets its rounds, so the total is at least the one asked for (never cut short before the document's last routes).
            for (var round = 0; round < roundsPerOperation && failures.Count < 20; round++)
            {
                var input = new HostileInput(document, world.Ids, random);
                var batch = Enumerable.Range(0, RoundSize)
                    .Select(_ => input.Next(operation, world.Callers[random.Next(world.Callers.Count)]))
                    .ToList();
                var changed = 0;
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, cancellationToken) =>
                {
                    var (status, problem) = await SendAsync(http, api.Host.Address, request, cancellationToken);
                    statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
                    if (status is 431 or 414 || (status == 400 && problem == "kestrel"))
                    {
                        // Refused by Kestrel while reading the request line or headers, before any middleware: counted in the summary.
                        Interlocked.Increment(ref serverRefusals);
                        problem = null;
                    }

                    if (status < 400 && request.Method != "GET")
                    {
                        Interlocked.Increment(ref changed);
                    }

                    if (status < 500)
                    {
                        covered.AddOrUpdate(request.Operation, 1, (_, c) => c + 1);
                    }

                    if (status >= 500 || problem is not null)
                    {
                        failures.Enqueue($"{status} {problem}: {request.ToCurl(api.Host.Address)}");
                    }
                });
                sent += batch.Count;

                var after = await SettledSnapshotAsync(snapshotQuery, changed > 0);
                if (changed == 0)
                {
                    strictRounds++;
                    var differences = TableSnapshot.Differences(before, after);
                    if (differences.Count > 0)
                    {
                        failures.Enqueue($"every request refused, yet {string.Join("; ", differences)}; the round:\n  "
                            + string.Join("\n  ", batch.Select(r => r.ToCurl(api.Host.Address))));
                    }
                }

                before = after;
                changedAny |= changed > 0;
            }

            if (changedAny && !await world.IntactAsync())
            {
                world.Dispose();
                world = await FuzzWorld.CreateAsync(api, ++generation);
                before = await SettledSnapshotAsync(snapshotQuery, changed: true);
            }
        }

        world.Dispose();
        var fivexx = statuses.Where(p => p.Key >= 500).Sum(p => p.Value);
        output.WriteLine(
            $"fuzz: {sent:N0} requests, {fivexx} 5xx, seed {seed}, {operations.Count} operations, {strictRounds} rounds all refused and checked unchanged, "
            + $"state rebuilt {generation} times, {serverRefusals} refused by Kestrel before the app (431/414, no body), {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
        Console.WriteLine($"fuzz: {sent:N0} requests, {fivexx} 5xx (seed {seed})");
        Assert.True(failures.IsEmpty, $"seed {seed}:\n" + string.Join("\n", failures.Take(20)));
        Assert.Equal(operations.Select(o => o.Id).Order(), covered.Keys.Order());
    }

    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient http, Uri address, FuzzRequest request, CancellationToken cancellationToken)
    {
        // As sent: no dot segments removed, no escapes undone.
        var uri = new Uri(
            address.GetLeftPart(UriPartial.Authority) + request.PathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        HttpResponseMessage answer;
        try
        {
            answer = await http.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return (0, "no answer: " + e.Message);
        }

        using var response = answer;
        var status = (int)response.StatusCode;
        if (status < 400)
        {
            return (status, null);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.Length == 0 && !response.Headers.Contains("X-Request-Id"))
        {
            return (status, "kestrel");
        }

        return (status, ErrorShapeProblem(response.Content.Headers.ContentType?.MediaType, text));
    }

    /// <summary>Null when the body is <c>{"error":{"code","message","request_id",…}}</c> as JSON; otherwise what is wrong, with the body's start.</summary>
    private static string? ErrorShapeProblem(string? mediaType, string text)
    {
        var excerpt = text.Length > 300 ? text[..300] : text;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.Ordinal))
        {
            return $"not JSON ({mediaType}): {excerpt}";
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("error", out var error)
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                && error.TryGetProperty("request_id", out _)
                ? null
                : $"not the error shape: {excerpt}";
        }
        catch (JsonException)
        {
            return $"invalid JSON: {excerpt}";
        }
    }

    /// <summary>
    /// The snapshot once a round's work has settled: work that follows an accepted request's answer (the sign-in mail, for one)
    /// must land in this round's snapshot, not in the next round's, so after a change it waits until two snapshots agree.
    /// </summary>
    private async Task<Dictionary<string, string>> SettledSnapshotAsync(string query, bool changed)
    {
        // A sign-in start answers 202 before its work (SignInMailQueue): the round is over once that work is too, however
        // slow the machine, so its link and mail are never counted against the next operation's round.
        var queue = api.Host.App.Services.GetRequiredService<SignInMailQueue>();
        for (var waited = 0; queue.Unfinished > 0 && waited < 600; waited++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var snapshot = await TableSnapshot.TakeAsync(api.Database.DataSource, query);
        if (!changed)
        {
            return snapshot;
        }

        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            var next = await TableSnapshot.TakeAsync(api.Database.DataSource, query);
            if (TableSnapshot.Differences(snapshot, next).Count == 0)
            {
                return next;
            }

            snapshot = next;
        }

        return snapshot;
    }
}
