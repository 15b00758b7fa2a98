using System.Net;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Api;

/// <summary>
/// <c>/api</c> is <c>/api</c> in every spelling: each protection (CSRF, the global limit, the session
/// cookie, API keys, admin, the static-file and app-shell bypass) holds for mixed-case, %2F-encoded,
/// doubled-slash, backslashed and dot-segment spellings. A spelling either is refused at the door
/// (400 <c>non_canonical_path</c>) or resolves to a path the protection sees as it is.
/// </summary>
public sealed class CanonicalPathTests : IClassFixture<CanonicalPathTests.Fixture>
{
    private const string Member = "spelling-member@example.com";

    private readonly Fixture _api;

    public CanonicalPathTests(Fixture api)
    {
        _api = api;
        // Every test starts in a fresh rate-limit window, so the small global limit below is each test's own.
        api.Clock.Advance(TimeSpan.FromMinutes(2));
    }

    public sealed class Fixture(PostgresServer server) : ApiFixture(server)
    {
        public const int GlobalLimit = 60;

        public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

        public string WebRoot { get; } = CreateWebRoot();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(GenerousLimits)
        {
            ["webroot"] = WebRoot,
            ["RateLimits:GlobalPerIp:Limit"] = GlobalLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:ApiKeyFailuresPerIp:Limit"] = "10000",
        };

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

        // A web root that happens to hold a file below api/: no spelling of /api may serve it.
        private static string CreateWebRoot()
        {
            var root = Directory.CreateTempSubdirectory("fitfolio-webroot-").FullName;
            File.WriteAllText(Path.Combine(root, "index.html"), "<!doctype html><title>FitFolio</title><div id=root></div>");
            Directory.CreateDirectory(Path.Combine(root, "api", "v1"));
            File.WriteAllText(Path.Combine(root, "api", "v1", "stray.json"), """{"stray":true}""");
            return root;
        }
    }

    /// <summary>A way to write <c>/api{rest}</c>; <see cref="Refused"/> when it must be refused, otherwise it resolves to the same route.</summary>
    public sealed record Spelling(string Path, bool Refused)
    {
        public override string ToString() => Path;
    }

    /// <summary>Other spellings of <c>/api/v1/{area}/{name}</c>.</summary>
    public static IReadOnlyList<Spelling> SpellingsOf(string area, string name) =>
    [
        new($"/API/v1/{area}/{name}", Refused: true),
        new($"/Api/v1/{area}/{name}", Refused: true),
        new($"/api%2Fv1/{area}/{name}", Refused: true),
        new($"/api/v1/{area}%2F{name}", Refused: true),
        new($"/api/v1/{area}%2f{name}", Refused: true),
        new($"//api/v1/{area}/{name}", Refused: true),
        new($"/api//v1/{area}/{name}", Refused: true),
        new($"/api/v1/{area}//{name}", Refused: true),
        new($"/api%5Cv1/{area}/{name}", Refused: true),
        new($"/x/../API/v1/{area}/{name}", Refused: true),
        new($"/x/%2e%2e/Api/v1/{area}/{name}", Refused: true),
        // Below the first segment routing ignores case, and so does nothing that protects: these reach the route, protected.
        new($"/api/V1/{area.ToUpperInvariant()}/{name}", Refused: false),
        new($"/api/v1/x/../{area}/{name}", Refused: false),
        new($"/api/v1/./{area}/{name}", Refused: false),
        new($"/x/%2E%2E/api/v1/{area}/{name}", Refused: false),
    ];

    [Fact]
    public async Task Csrf_is_checked_on_every_spelling_that_reaches_logout()
    {
        using var client = await _api.SignedInClientAsync(Member);
        client.SendCsrf = false;

        foreach (var spelling in SpellingsOf("auth", "logout"))
        {
            var response = await SendRawAsync(client, HttpMethod.Post, spelling.Path);
            AssertRefusedOr(spelling, response, HttpStatusCode.Forbidden, "csrf_failed");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        client.SendCsrf = true;
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout")).Status);
    }

    [Fact]
    public async Task The_global_limit_holds_for_every_spelling()
    {
        using var client = _api.Host.Client();
        for (var i = 0; i < Fixture.GlobalLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).Status);
        }

        foreach (var spelling in SpellingsOf("auth", "me"))
        {
            AssertRefusedOr(spelling, await SendRawAsync(client, HttpMethod.Get, spelling.Path), HttpStatusCode.TooManyRequests, "rate_limited");
        }
    }

    [Fact]
    public async Task The_session_cookie_is_read_on_every_spelling_that_reaches_an_endpoint()
    {
        using var client = await _api.SignedInClientAsync(Member);

        foreach (var spelling in SpellingsOf("auth", "me"))
        {
            var response = await SendRawAsync(client, HttpMethod.Get, spelling.Path);
            AssertRefusedOr(spelling, response, HttpStatusCode.OK, null);
            if (!spelling.Refused)
            {
                Assert.Equal(Member, response.Body.GetProperty("email").GetString());
            }
        }
    }

    [Fact]
    public async Task An_api_key_is_judged_on_every_spelling_and_kept_off_session_routes()
    {
        using var owner = await _api.SignedInClientAsync("spelling-key@example.com");
        var created = await owner.PostAsync("/api/v1/account/api-keys", new { name = "spelling", scopes = new[] { "read", "write" } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        using var script = _api.Host.Client();
        script.Bearer = created.Body.GetProperty("secret").GetString();
        using var guesser = _api.Host.Client();
        guesser.Bearer = "ffk_AAAAAAAAAAAA_" + new string('A', 43);

        foreach (var spelling in SpellingsOf("account", "api-keys"))
        {
            AssertRefusedOr(spelling, await SendRawAsync(script, HttpMethod.Get, spelling.Path), HttpStatusCode.Forbidden, "api_key_not_allowed");
            AssertRefusedOr(spelling, await SendRawAsync(guesser, HttpMethod.Get, spelling.Path), HttpStatusCode.Unauthorized, "invalid_api_key");
        }

        foreach (var spelling in SpellingsOf("training", "meta"))
        {
            AssertRefusedOr(spelling, await SendRawAsync(script, HttpMethod.Get, spelling.Path), HttpStatusCode.OK, null);
        }
    }

    [Fact]
    public async Task Admin_routes_refuse_a_member_on_every_spelling()
    {
        using var member = await _api.SignedInClientAsync(Member);

        foreach (var spelling in SpellingsOf("admin", "users"))
        {
            AssertRefusedOr(spelling, await SendRawAsync(member, HttpMethod.Get, spelling.Path), HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact]
    public async Task No_spelling_of_an_api_path_is_served_from_disk_or_answered_with_the_app_shell()
    {
        using var client = _api.Host.Client();

        Spelling[] strayFile =
        [
            new("/api/v1/stray.json", Refused: false),
            new("//api/v1/stray.json", Refused: true),
            new("/API/v1/stray.json", Refused: true),
            new("/api%2Fv1/stray.json", Refused: true),
            new("/x/../Api/v1/stray.json", Refused: true),
        ];
        foreach (var spelling in SpellingsOf("no-such", "route").Concat(strayFile))
        {
            var response = await SendRawAsync(client, HttpMethod.Get, spelling.Path);
            AssertRefusedOr(spelling, response, HttpStatusCode.NotFound, "not_found");
            Assert.DoesNotContain("stray", response.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("<title>FitFolio</title>", response.Text, StringComparison.Ordinal);
        }

        Assert.Contains("<title>FitFolio</title>", (await client.GetAsync("/account/sessions")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account//sessions")]
    [InlineData("/assets%2Fapp.js")]
    [InlineData("/healthz\\live")]
    public async Task Paths_outside_the_api_are_held_to_the_same_spelling(string path)
    {
        using var client = _api.Host.Client();

        var response = await SendRawAsync(client, HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("non_canonical_path", response.ErrorCode);
    }

    private static void AssertRefusedOr(Spelling spelling, ApiResponse response, HttpStatusCode status, string? code)
    {
        var (expectedStatus, expectedCode) = spelling.Refused ? (HttpStatusCode.BadRequest, "non_canonical_path") : (status, code);
        Assert.True(
            response.Status == expectedStatus && response.ErrorCode == expectedCode,
            $"{spelling.Path}: expected {(int)expectedStatus} {expectedCode}, got {(int)response.Status} {response.Text}");
    }

    /// <summary>Sends <paramref name="path"/> byte for byte: HttpClient would otherwise resolve dot segments and turn backslashes into slashes.</summary>
    private Task<ApiResponse> SendRawAsync(ApiClient client, HttpMethod method, string path) =>
        client.SendAsync(method, "/", method == HttpMethod.Get ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), request =>
            request.RequestUri = new Uri(
                _api.Host.Address.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
}
