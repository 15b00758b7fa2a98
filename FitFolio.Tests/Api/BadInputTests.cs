using System.Net;
using System.Text;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>Every kind of bad input is a 4xx with the JSON error body; nothing is stored for it.</summary>
public sealed class BadInputTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    public static TheoryData<string, string> BadStarts => new()
    {
        { "{\"email\":", "invalid_json" },
        { "{}", "invalid_email" },
        { "[]", "invalid_json" },
        { "{\"email\":null}", "invalid_email" },
        { "{\"email\":42}", "invalid_json" },
        { "{\"email\":\"not-an-address\"}", "invalid_email" },
        { "{\"email\":\"a@b\"}", "invalid_email" },
        { "{\"email\":\"victim@example.com\\r\\nBcc: all@example.com\"}", "invalid_email" },
        { "{\"email\":\"victim@example.com\\nX: y\"}", "invalid_email" },
        { "{\"email\":\"Name <name@example.com>\"}", "invalid_email" },
        { "{\"email\":\"two@@example.com\"}", "invalid_email" },
        { "{\"email\":\"" + new string('a', 250) + "@example.com\"}", "invalid_email" },
        { "{\"email\":\"" + new string('a', 20_000) + "@example.com\"}", "invalid_email" },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    public async Task Bad_sign_in_starts_get_a_clear_400_and_store_nothing(string body, string code)
    {
        using var client = api.Host.Client();
        var users = await CountAsync("users");

        var response = await client.PostRawAsync("/api/v1/auth/magic-link/start", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.ErrorCode);
        Assert.False(string.IsNullOrEmpty(response.Body.GetProperty("error").GetProperty("request_id").GetString()));
        Assert.Equal(users, await CountAsync("users"));
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_400()
    {
        using var client = api.Host.Client();

        var response = await client.PostBytesAsync("/api/v1/auth/magic-link/start", [.. "{\"email\":\""u8, 0xff, 0xfe, .. "@example.com\"}"u8]);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_json", response.ErrorCode);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413()
    {
        using var client = api.Host.Client();
        var huge = "{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";

        // Expect: 100-continue, as large uploads send it: the server refuses on the declared length, before a byte of the
        // body is sent. Without it the client may still be writing when the server answers and closes (a broken pipe).
        var response = await client.SendAsync(
            HttpMethod.Post, "/api/v1/auth/magic-link/start", new StringContent(huge, System.Text.Encoding.UTF8, "application/json"),
            request => request.Headers.ExpectContinue = true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("payload_too_large", response.ErrorCode);
    }

    [Fact]
    public async Task A_json_body_in_an_unknown_charset_is_a_415_not_a_500()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();

        // Found by the route fuzz (RouteFuzzTests): binding threw for the charset, and the exception handler answered 500.
        var body = new ByteArrayContent("{\"email\":\"a@example.com\"}"u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=nonsense");
        var response = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/magic-link/start", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("unsupported_media_type", response.ErrorCode);
    }

    [Fact]
    public async Task A_multipart_body_that_is_not_one_is_a_400_not_a_500()
    {
        using var client = await api.SignedInClientAsync("broken-multipart@example.com");

        // Found by the route fuzz: the import read the form, the parser threw, and the exception handler answered 500.
        var body = new ByteArrayContent("{}"u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");
        var response = await client.SendAsync(HttpMethod.Post, "/api/v1/training/import", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_body", response.ErrorCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();

        var response = await client.PostRawAsync("/api/v1/auth/magic-link/start", "email=a@example.com", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("unsupported_media_type", response.ErrorCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"email\":\"a@example.com\"}")]
    [InlineData("{\"email\":\"a@example.com\",\"code\":\"12ab5678\"}")]
    [InlineData("{\"email\":\"a@example.com\",\"code\":\"123456789\"}")]
    [InlineData("{\"token\":\"\"}")]
    [InlineData("{\"token\":\"%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%\"}")]
    public async Task Malformed_verifications_get_the_one_invalid_code(string body)
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();

        var response = await client.PostRawAsync("/api/v1/auth/magic-link/verify", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_or_expired", response.ErrorCode);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Revoking_a_malformed_or_unknown_session_id_changes_nothing(string id)
    {
        using var client = await api.SignedInClientAsync($"revoker-{id.Length}@example.com");
        using var other = await api.SignedInClientAsync($"revoker-{id.Length}@example.com");

        var response = await client.DeleteAsync($"/api/v1/auth/sessions/{id}");

        Assert.Equal(id.Length == 36 ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest, response.Status);
        Assert.NotNull(response.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/auth/me")).Status);
    }

    [Fact]
    public async Task Unknown_api_routes_and_methods_answer_json()
    {
        using var client = api.Host.Client();

        var missing = await client.GetAsync("/api/v1/nope");
        var method = await client.SendAsync(HttpMethod.Put, "/api/v1/auth/me", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("not_found", missing.ErrorCode);
        Assert.True(method.Status is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound or HttpStatusCode.Forbidden, method.Status.ToString());
        Assert.NotNull(method.ErrorCode);
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_and_a_well_formed_incoming_one_is_kept()
    {
        using var client = api.Host.Client();

        var kept = await client.SendAsync(HttpMethod.Get, "/healthz/live", null, r => r.Headers.Add("X-Request-ID", "proxy-abc-123456"));
        var replaced = await client.SendAsync(HttpMethod.Get, "/healthz/live", null, r => r.Headers.Add("X-Request-ID", "bad id\u0001"));

        Assert.Equal("proxy-abc-123456", kept.Headers["X-Request-ID"]);
        Assert.Matches("^[0-9a-f]{32}$", replaced.Headers["X-Request-ID"]);
    }

    private async Task<long> CountAsync(string table)
    {
        await using var command = api.Database.DataSource.CreateCommand($"select count(*) from {table}");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
