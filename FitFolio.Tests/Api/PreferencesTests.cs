using System.Net;
using System.Net.Http.Json;
using System.Text;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>
/// <c>/api/v1/account/preferences</c>: one person's units, effort scale and rest timer, kept in
/// Orleans grain storage (PostgreSQL) and so the same on every device and after every silo restarts.
/// </summary>
public sealed class PreferencesTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Path = "/api/v1/account/preferences";

    [Fact]
    public async Task A_preference_set_on_one_device_is_what_another_device_reads()
    {
        using var phone = await api.SignedInClientAsync("prefs-devices@example.com");
        using var laptop = await api.SignedInClientAsync("prefs-devices@example.com");
        using var someoneElse = await api.SignedInClientAsync("prefs-other@example.com");

        var defaults = await phone.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, defaults.Status);
        AssertPreferences(defaults, "kg", "rpe", 90);

        var put = await PutAsync(phone, new { weightUnit = "lb", effortScale = "rir", defaultRestSeconds = 180 });
        Assert.Equal(HttpStatusCode.OK, put.Status);
        AssertPreferences(put, "lb", "rir", 180);

        AssertPreferences(await laptop.GetAsync(Path), "lb", "rir", 180);
        AssertPreferences(await someoneElse.GetAsync(Path), "kg", "rpe", 90);
        var stored = await StoredDocumentAsync(await UserIdAsync("prefs-devices@example.com"));
        Assert.Contains("\"lb\"", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"weightUnit":"stone","effortScale":"rpe","defaultRestSeconds":90}""", "invalid_preferences")]
    [InlineData("""{"weightUnit":"kg","effortScale":"feel","defaultRestSeconds":90}""", "invalid_preferences")]
    [InlineData("""{"weightUnit":"kg","effortScale":"rpe","defaultRestSeconds":-1}""", "invalid_preferences")]
    [InlineData("""{"weightUnit":"kg","effortScale":"rpe","defaultRestSeconds":601}""", "invalid_preferences")]
    [InlineData("""{"weightUnit":"kg","effortScale":"rpe"}""", "invalid_preferences")]
    [InlineData("""{"weightUnit":null,"effortScale":"rpe","defaultRestSeconds":90}""", "invalid_preferences")]
    [InlineData("""{"weightUnit":"kg","effortScale":"rpe","defaultRestSeconds":90,"theme":"dark"}""", "invalid_json")]
    [InlineData("""{"weightUnit":"kg","effortScale":"rpe","defaultRestSeconds":90.5}""", "invalid_json")]
    [InlineData("""{"weightUnit":"kg","effortScale":"rpe","defaultRestSeconds":{}}""", "invalid_json")]
    [InlineData("""["kg"]""", "invalid_json")]
    [InlineData("""{"weightUnit":"kg",""", "invalid_json")]
    public async Task Every_bad_body_is_a_400_with_the_error_body_and_changes_nothing(string body, string code)
    {
        using var client = await api.SignedInClientAsync("prefs-bad@example.com");
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, new { weightUnit = "lb", effortScale = "rir", defaultRestSeconds = 60 })).Status);

        var refused = await client.SendAsync(HttpMethod.Put, Path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(code, refused.ErrorCode);
        AssertPreferences(await client.GetAsync(Path), "lb", "rir", 60);
    }

    [Fact]
    public async Task Reading_needs_a_session_and_changing_needs_the_CSRF_token()
    {
        using var nobody = api.Host.Client();
        await nobody.PrimeAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync(Path)).Status);
        Assert.Equal("unauthenticated", (await PutAsync(nobody, new { weightUnit = "lb", effortScale = "rpe", defaultRestSeconds = 90 })).ErrorCode);

        using var client = await api.SignedInClientAsync("prefs-csrf@example.com");
        client.SendCsrf = false;
        var forged = await PutAsync(client, new { weightUnit = "lb", effortScale = "rpe", defaultRestSeconds = 90 });

        Assert.Equal(HttpStatusCode.Forbidden, forged.Status);
        Assert.Equal("csrf_failed", forged.ErrorCode);
        AssertPreferences(await client.GetAsync(Path), "kg", "rpe", 90);
    }

    [Fact]
    public async Task Preferences_go_with_the_account()
    {
        using var client = await api.SignedInClientAsync("prefs-leaving@example.com");
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, new { weightUnit = "lb", effortScale = "rpe", defaultRestSeconds = 0 })).Status);
        var key = await UserIdAsync("prefs-leaving@example.com");
        Assert.NotNull(await StoredDocumentAsync(key));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/account")).Status);

        Assert.Null(await StoredDocumentAsync(key));
    }

    private static Task<ApiResponse> PutAsync(ApiClient client, object body) => client.SendAsync(HttpMethod.Put, Path, JsonContent.Create(body));

    private static void AssertPreferences(ApiResponse response, string unit, string scale, int rest)
    {
        Assert.Equal(unit, response.Body.GetProperty("weightUnit").GetString());
        Assert.Equal(scale, response.Body.GetProperty("effortScale").GetString());
        Assert.Equal(rest, response.Body.GetProperty("defaultRestSeconds").GetInt32());
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var command = api.Database.DataSource.CreateCommand("select id from users where email = @email");
        command.Parameters.AddWithValue("email", email);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string?> StoredDocumentAsync(Guid userId)
    {
        await using var command = api.Database.DataSource.CreateCommand(
            "select convert_from(g.payload, 'UTF8') from orleans_grain_state g, orleans_guid_key(@id) k where g.state_name = 'preferences' and g.grain_id_n0 = k.n0 and g.grain_id_n1 = k.n1");
        command.Parameters.AddWithValue("id", userId);
        return await command.ExecuteScalarAsync() as string;
    }
}
