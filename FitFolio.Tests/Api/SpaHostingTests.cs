using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>The app is served at / with deep links falling back to it; the API never falls back to HTML.</summary>
public sealed class SpaHostingTests(SpaHostingTests.WithWebRoot api) : IClassFixture<SpaHostingTests.WithWebRoot>
{
    public sealed class WithWebRoot(PostgresServer server) : ApiFixture(server)
    {
        public static string Root { get; } = CreateRoot();

        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(GenerousLimits) { ["webroot"] = Root };

        private static string CreateRoot()
        {
            var root = Directory.CreateTempSubdirectory("fitfolio-webroot-").FullName;
            File.WriteAllText(Path.Combine(root, "index.html"), "<!doctype html><title>FitFolio</title><div id=root></div>");
            Directory.CreateDirectory(Path.Combine(root, "assets"));
            File.WriteAllText(Path.Combine(root, "assets", "app.js"), "console.log('app')");
            return root;
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/signin")]
    [InlineData("/account/sessions")]
    public async Task The_app_shell_answers_the_root_and_deep_links(string path)
    {
        using var client = api.Host.Client();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("<title>FitFolio</title>", response.Text, StringComparison.Ordinal);
        Assert.Contains(client.LastSetCookies, c => c.StartsWith("ff_csrf=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Built_assets_are_served_as_files()
    {
        using var client = api.Host.Client();

        var response = await client.GetAsync("/assets/app.js");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("console.log('app')", response.Text);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Unknown_api_routes_answer_a_json_404_for_every_method(string method)
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();

        var response = await client.SendAsync(
            new HttpMethod(method), "/api/v1/no/such/route", method == "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("not_found", response.ErrorCode);
    }

    [Fact]
    public async Task The_internal_silo_endpoint_is_not_reachable_on_the_public_port()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();

        var response = await client.PostRawAsync("/silo/v1/calls", """{"grain":"user","key":"x","method":"GetProfile()","args":[]}""");

        Assert.NotEqual(HttpStatusCode.OK, response.Status);
        Assert.DoesNotContain("\"result\"", response.Text, StringComparison.Ordinal);
    }
}
