using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FitFolio.Grains.Passkeys;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>A FitFolio host for passkey tests: generous rate limits, so tests in a class do not throttle each other.</summary>
public class PasskeyApi(PostgresServer server) : ApiFixture(server)
{
    public static Dictionary<string, string?> GenerousPasskeyLimits { get; } = new(GenerousLimits)
    {
        ["RateLimits:WebAuthnStartPerIp:Limit"] = "10000",
        ["RateLimits:WebAuthnFinishPerIp:Limit"] = "10000",
    };

    protected override IDictionary<string, string?> Settings => GenerousPasskeyLimits;

    public Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) => Database.ScalarAsync<T>(sql, parameters);

    public Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) => Database.CountAsync(sql, parameters);

    public Task<long> AuditCountAsync(string type, string email) =>
        CountAsync("select count(*) from login_events where event_type = @type and user_id = (select id from users where email = @email)",
            ("type", type), ("email", email));

    public Task<long> PasskeyCountAsync(string email) =>
        CountAsync("select count(*) from passkeys where user_id = (select id from users where email = @email)", ("email", email));
}

/// <summary>The steps a browser takes in the passkey ceremonies, driven through the real API with a software authenticator.</summary>
public static class PasskeySteps
{
    public const string Base = "/api/v1/auth/webauthn";

    public static async Task<PublicKeyCredentialCreationOptionsJson> StartRegistrationAsync(this ApiClient client)
    {
        var start = await client.PostAsync(Base + "/register/start");
        Assert.Equal(HttpStatusCode.OK, start.Status);
        return start.Body.GetProperty("options").Deserialize<PublicKeyCredentialCreationOptionsJson>()!;
    }

    public static Task<ApiResponse> FinishRegistrationAsync(this ApiClient client, string credentialJson, string? name = null)
    {
        var body = new JsonObject { ["credential"] = JsonNode.Parse(credentialJson) };
        if (name is not null)
        {
            body["name"] = name;
        }

        return client.PostRawAsync(Base + "/register/finish", body.ToJsonString());
    }

    /// <summary>Registers the authenticator's credential on the signed-in account and checks it worked.</summary>
    public static async Task<JsonElement> RegisterAsync(this ApiClient client, SoftwareAuthenticator authenticator, string? name = null)
    {
        var options = await client.StartRegistrationAsync();
        var finish = await client.FinishRegistrationAsync(authenticator.Register(options, client.Origin), name);
        Assert.True(finish.Status == HttpStatusCode.Created, finish.Text);
        return finish.Body;
    }

    public static async Task<(string CeremonyId, PublicKeyCredentialRequestOptionsJson Options)> StartSignInAsync(this ApiClient client, string? email = null)
    {
        var start = email is null
            ? await client.PostRawAsync(Base + "/authenticate/start", "{}")
            : await client.PostAsync(Base + "/authenticate/start", new { email });
        Assert.True(start.Status == HttpStatusCode.OK, start.Text);
        return (start.Body.GetProperty("ceremonyId").GetString()!, start.Body.GetProperty("options").Deserialize<PublicKeyCredentialRequestOptionsJson>()!);
    }

    public static Task<ApiResponse> FinishSignInAsync(this ApiClient client, string ceremonyId, string credentialJson) =>
        client.PostRawAsync(
            Base + "/authenticate/finish", new JsonObject { ["ceremonyId"] = ceremonyId, ["credential"] = JsonNode.Parse(credentialJson) }.ToJsonString());

    /// <summary>A whole sign-in: start (with or without email), answer with the authenticator, finish.</summary>
    public static async Task<ApiResponse> SignInAsync(this ApiClient client, SoftwareAuthenticator authenticator, string? email = null)
    {
        var (ceremonyId, options) = await client.StartSignInAsync(email);
        return await client.FinishSignInAsync(ceremonyId, authenticator.Authenticate(options, client.Origin));
    }

    /// <summary>The ceremony as a browser would run it for these options, for tests that make the authenticator misbehave.</summary>
    public static SoftwareCeremony Ceremony(this PublicKeyCredentialRequestOptionsJson options, string origin) =>
        new(options.RpId, origin, Base64UrlText.Decode(options.Challenge));

    public const string ReauthenticateBase = "/api/v1/auth/reauthenticate";

    public static async Task<(string CeremonyId, PublicKeyCredentialRequestOptionsJson Options)> StartReauthenticationAsync(this ApiClient client)
    {
        var start = await client.PostAsync(ReauthenticateBase + "/start");
        Assert.True(start.Status == HttpStatusCode.OK, start.Text);
        return (start.Body.GetProperty("ceremonyId").GetString()!, start.Body.GetProperty("options").Deserialize<PublicKeyCredentialRequestOptionsJson>()!);
    }

    public static Task<ApiResponse> FinishReauthenticationAsync(this ApiClient client, string ceremonyId, string credentialJson) =>
        client.PostRawAsync(
            ReauthenticateBase + "/finish", new JsonObject { ["ceremonyId"] = ceremonyId, ["credential"] = JsonNode.Parse(credentialJson) }.ToJsonString());

    /// <summary>Confirms it is the owner with the authenticator inside the signed-in session, and checks it worked.</summary>
    public static async Task ReauthenticateAsync(this ApiClient client, SoftwareAuthenticator authenticator)
    {
        var (ceremonyId, options) = await client.StartReauthenticationAsync();
        var finish = await client.FinishReauthenticationAsync(ceremonyId, authenticator.Authenticate(options, client.Origin));
        Assert.True(finish.Status == HttpStatusCode.NoContent, finish.Text);
    }

    /// <summary>
    /// Makes a freshly signed-in session's most recent proof a passkey, as admin routes need: registers
    /// a new software passkey (the sign-in is recent) and confirms with it.
    /// </summary>
    public static async Task ProveWithNewPasskeyAsync(this ApiClient client)
    {
        using var authenticator = new SoftwareAuthenticator();
        await client.RegisterAsync(authenticator);
        await client.ReauthenticateAsync(authenticator);
    }

    /// <summary>Signs in by the emailed link, then proves the session with a new passkey: what an admin route asks for.</summary>
    public static async Task<ApiClient> SignedInWithPasskeyProofAsync(this ApiFixture api, string email)
    {
        var client = await api.SignedInClientAsync(email);
        await client.ProveWithNewPasskeyAsync();
        return client;
    }

    public static async Task<ApiClient> SignedOutClientAsync(this ApiFixture api)
    {
        var client = api.Host.Client();
        await client.PrimeAsync();
        return client;
    }
}
