using System.Net;
using System.Net.Http.Json;
using FitFolio.Grains.Mail;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>Changing the address (confirmed by the new one), exporting everything, and deleting everything.</summary>
public sealed class AccountTests(ManualClockApi api) : IClassFixture<ManualClockApi>
{
    [Fact]
    public async Task An_email_change_takes_effect_only_when_the_new_address_confirms_and_the_old_one_is_told()
    {
        using var client = await api.SignedInClientAsync("before@example.com");

        var requested = await client.PostAsync("/api/v1/account/email-change", new { newEmail = "  After@Example.com " });
        Assert.Equal(HttpStatusCode.Accepted, requested.Status);
        Assert.Equal("before@example.com", (await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("email").GetString());

        var mail = await api.Mail.WaitForAsync("after@example.com", AccountMailTemplates.ConfirmEmailSubject);
        var token = SignInMail.EmailChangeTokenOf(mail);
        using var otherBrowser = await api.SignedOutClientAsync();
        var confirmed = await otherBrowser.PostAsync("/api/v1/account/email-change/confirm", new { token });

        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal("after@example.com", confirmed.Body.GetProperty("email").GetString());
        Assert.Equal("after@example.com", (await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("email").GetString());
        var notice = await api.Mail.WaitForAsync("before@example.com", AccountMailTemplates.EmailChangedSubject);
        Assert.Contains("example.com", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("after@", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal("invalid_or_expired", (await otherBrowser.PostAsync("/api/v1/account/email-change/confirm", new { token })).ErrorCode);
        using var again = await api.SignedInClientAsync("after@example.com");
        Assert.Equal(await api.UserIdAsync("after@example.com"), Guid.Parse((await again.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString()!));
        Assert.Equal(0L, await api.CountAsync("select count(*) from users where email = 'before@example.com'"));
    }

    [Fact]
    public async Task An_address_taken_meanwhile_is_refused_at_confirmation_and_the_account_keeps_its_own()
    {
        using var client = await api.SignedInClientAsync("keeper@example.com");
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/account/email-change", new { newEmail = "contested@example.com" })).Status);
        var token = SignInMail.EmailChangeTokenOf(await api.Mail.WaitForAsync("contested@example.com", AccountMailTemplates.ConfirmEmailSubject));
        using var squatter = await api.SignedInClientAsync("contested@example.com");

        var confirmed = await client.PostAsync("/api/v1/account/email-change/confirm", new { token });

        Assert.Equal(HttpStatusCode.Conflict, confirmed.Status);
        Assert.Equal("email_taken", confirmed.ErrorCode);
        Assert.Equal("keeper@example.com", (await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("email").GetString());
        Assert.Equal(1L, await api.CountAsync("select count(*) from users where email = 'keeper@example.com'"));
    }

    [Fact]
    public async Task Only_the_newest_email_change_link_works()
    {
        using var client = await api.SignedInClientAsync("twice@example.com");
        await client.PostAsync("/api/v1/account/email-change", new { newEmail = "first-choice@example.com" });
        var first = SignInMail.EmailChangeTokenOf(await api.Mail.WaitForAsync("first-choice@example.com", AccountMailTemplates.ConfirmEmailSubject));
        await client.PostAsync("/api/v1/account/email-change", new { newEmail = "second-choice@example.com" });
        var second = SignInMail.EmailChangeTokenOf(await api.Mail.WaitForAsync("second-choice@example.com", AccountMailTemplates.ConfirmEmailSubject));

        Assert.Equal("invalid_or_expired", (await client.PostAsync("/api/v1/account/email-change/confirm", new { token = first })).ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/account/email-change/confirm", new { token = second })).Status);
        Assert.Equal("second-choice@example.com", (await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("/api/v1/account/email-change", "{\"newEmail\":\"not an address\"}", HttpStatusCode.BadRequest, "invalid_email")]
    [InlineData("/api/v1/account/email-change", "{}", HttpStatusCode.BadRequest, "invalid_email")]
    [InlineData("/api/v1/account/email-change", "{\"newEmail\":\"bad-input@example.com\"}", HttpStatusCode.Conflict, "same_email")]
    [InlineData("/api/v1/account/email-change", "[]", HttpStatusCode.BadRequest, "invalid_json")]
    [InlineData("/api/v1/account/email-change/confirm", "{\"token\":\"x\"}", HttpStatusCode.BadRequest, "invalid_or_expired")]
    [InlineData(
        "/api/v1/account/email-change/confirm", "{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}", HttpStatusCode.BadRequest, "invalid_or_expired")]
    [InlineData("/api/v1/account/email-change/confirm", "{}", HttpStatusCode.BadRequest, "invalid_or_expired")]
    public async Task Bad_email_change_requests_get_a_clear_4xx_and_change_nothing(string path, string body, HttpStatusCode status, string code)
    {
        using var client = await api.SignedInClientAsync("bad-input@example.com");

        var response = await client.PostRawAsync(path, body);

        Assert.Equal(status, response.Status);
        Assert.Equal(code, response.ErrorCode);
        Assert.Equal("bad-input@example.com", (await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_export_holds_the_account_its_sessions_passkeys_keys_and_security_events_as_one_json_download()
    {
        using var client = await api.SignedInClientAsync("exporter@example.com");
        using var authenticator = new SoftwareAuthenticator();
        await client.RegisterAsync(authenticator, "Laptop");
        await client.PostAsync("/api/v1/account/api-keys", new { name = "export key", scopes = new[] { "read" } });
        Assert.Equal(
            HttpStatusCode.Created,
            (await client.SendAsync(HttpMethod.Put, "/api/v1/training/body-weight/2026-11-20", JsonContent.Create(new { weight = 81.5, unit = "kg" }))).Status);

        var export = await client.PostAsync("/api/v1/account/export");

        Assert.Equal(HttpStatusCode.OK, export.Status);
        Assert.Contains("attachment", export.Headers.GetValueOrDefault("Content-Disposition") ?? "", StringComparison.Ordinal);
        var body = export.Body;
        Assert.Equal("fitfolio-export/1", body.GetProperty("format").GetString());
        Assert.Equal("exporter@example.com", body.GetProperty("account").GetProperty("email").GetString());
        Assert.Single(body.GetProperty("sessions").EnumerateArray());
        Assert.Equal("Laptop", Assert.Single(body.GetProperty("passkeys").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("export key", Assert.Single(body.GetProperty("apiKeys").EnumerateArray()).GetProperty("name").GetString());
        var types = body.GetProperty("securityEvents").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "magic_link_sent", "session_created", "webauthn_register_finish_success", "api_key_created" }, types);
        Assert.Equal(81.5, Assert.Single(body.GetProperty("training").GetProperty("bodyWeight").EnumerateArray()).GetProperty("weight").GetDouble());
        Assert.DoesNotContain(
            "ffk_",
            export.Text.Replace(body.GetProperty("apiKeys")[0].GetProperty("prefix").GetString()!, "", StringComparison.Ordinal),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_is_a_post_with_the_csrf_token_so_a_cross_site_link_downloads_nothing()
    {
        using var client = await api.SignedInClientAsync("export-csrf@example.com");

        // What a link or <img> on another site makes the browser send: the Lax session cookie, no token.
        var linked = await client.SendAsync(HttpMethod.Get, "/api/v1/account/export", null, r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));
        client.SendCsrf = false;
        var posted = await client.PostAsync("/api/v1/account/export");
        client.SendCsrf = true;
        var crossSite = await client.SendAsync(HttpMethod.Post, "/api/v1/account/export", null, r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, linked.Status);
        Assert.Equal("method_not_allowed", linked.ErrorCode);
        Assert.Equal("csrf_failed", posted.ErrorCode);
        Assert.Equal("csrf_failed", crossSite.ErrorCode);
        Assert.All(new[] { linked, posted, crossSite }, r => Assert.DoesNotContain("export-csrf@example.com", r.Text, StringComparison.Ordinal));
        Assert.Equal(0L, await api.AuditCountAsync("data_exported", "export-csrf@example.com"));
        var exported = await client.SendAsync(HttpMethod.Post, "/api/v1/account/export", null, r => r.Headers.Add("Sec-Fetch-Site", "same-origin"));
        Assert.Equal(HttpStatusCode.OK, exported.Status);
        Assert.Equal(1L, await api.AuditCountAsync("data_exported", "export-csrf@example.com"));
    }

    [Fact]
    public async Task Deleting_the_account_removes_every_row_it_owns_and_ends_every_session_and_key_everywhere()
    {
        using var client = await api.SignedInClientAsync("leaving@example.com");
        using var otherDevice = await api.SignedInClientAsync("leaving@example.com");
        using var authenticator = new SoftwareAuthenticator();
        await client.RegisterAsync(authenticator);
        var key = (await client.PostAsync("/api/v1/account/api-keys", new { name = "k", scopes = new[] { "read" } })).Body.GetProperty("secret").GetString();
        await client.PostAsync("/api/v1/account/email-change", new { newEmail = "leaving-later@example.com" });
        var userId = await api.UserIdAsync("leaving@example.com");
        using var script = api.Host.Client();
        script.Bearer = key;
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/account")).Status);

        var deleted = await client.DeleteAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherDevice.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/account")).Status);
        using var signIn = await api.SignedOutClientAsync();
        Assert.Equal("unknown_credential", (await signIn.SignInAsync(authenticator)).ErrorCode);
        foreach (var table in await TablesWithUserIdAsync())
        {
            Assert.True(
                0L == await api.CountAsync($"select count(*) from {table} where user_id = '{userId}'"), $"{table} still holds rows of the deleted account");
        }

        Assert.Equal(0L, await api.CountAsync("select count(*) from users where id = @id", ("id", userId)));
        Assert.Equal(1L, await api.CountAsync("select count(*) from login_events where user_id = @id and event_type = 'account_deleted'", ("id", userId)));
        await api.Mail.WaitForAsync("leaving@example.com", AccountMailTemplates.AccountDeletedSubject);
        using var fresh = await api.SignedInClientAsync("leaving@example.com");
        Assert.NotEqual(userId, Guid.Parse((await fresh.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Deletes_racing_each_other_delete_the_account_once_and_never_answer_5xx()
    {
        using var client = await api.SignedInClientAsync("twice-leaving@example.com");
        var userId = await api.UserIdAsync("twice-leaving@example.com");

        // Two tabs, or a retry: found by the route fuzz, whose second delete met a grain already gone and answered 500.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.DeleteAsync("/api/v1/account")));

        Assert.All(answers, answer => Assert.True(
            answer.Status is HttpStatusCode.NoContent or HttpStatusCode.Unauthorized, $"a racing delete answered {(int)answer.Status}"));
        Assert.Contains(answers, answer => answer.Status == HttpStatusCode.NoContent);
        Assert.Equal(0L, await api.CountAsync("select count(*) from users where id = @id", ("id", userId)));
        Assert.Equal(1L, await api.CountAsync("select count(*) from login_events where user_id = @id and event_type = 'account_deleted'", ("id", userId)));
    }

    [Fact]
    public async Task The_account_route_reads_the_profile_for_a_session_and_says_401_without_one()
    {
        using var client = await api.SignedInClientAsync("profile@example.com");
        using var nobody = await api.SignedOutClientAsync();

        Assert.Equal("profile@example.com", (await client.GetAsync("/api/v1/account")).Body.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/api/v1/account")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.DeleteAsync("/api/v1/account")).Status);
    }

    private async Task<IReadOnlyList<string>> TablesWithUserIdAsync()
    {
        await using var command = api.Database.DataSource.CreateCommand(
            "select table_name from information_schema.columns where table_schema = 'public' and column_name = 'user_id' and table_name <> 'login_events'");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        Assert.Contains("sessions", tables);
        Assert.Contains("api_keys", tables);
        return tables;
    }
}
