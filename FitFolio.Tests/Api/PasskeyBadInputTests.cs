using System.Net;
using System.Text.Json.Nodes;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>Every bad passkey input is a 4xx with the JSON error body, and changes nothing stored.</summary>
public sealed class PasskeyBadInputTests(PasskeyApi api) : IClassFixture<PasskeyApi>
{
    /// <summary>Ways to spoil a credential's JSON; each is named for the test output.</summary>
    public static TheoryData<string> Spoilers =>
    [
        "missing",
        "null",
        "string",
        "empty_object",
        "garbage_base64url",
        "truncated_cbor",
        "oversized_cbor",
        "credential_id_1024_bytes",
        "unknown_member_type"
    ];

    [Theory]
    [MemberData(nameof(Spoilers))]
    public async Task A_bad_registration_credential_is_a_400_and_stores_nothing(string spoiler)
    {
        var email = $"bad-register-{spoiler.Replace('_', '-')}@example.com";
        using var client = await api.SignedInClientAsync(email);
        using var authenticator = new SoftwareAuthenticator();
        if (spoiler == "credential_id_1024_bytes")
        {
            authenticator.CredentialId = new byte[1024];
        }

        var options = await client.StartRegistrationAsync();
        var body = Spoil(spoiler, authenticator.Register(options, client.Origin), "attestationObject");

        var response = await client.PostRawAsync(PasskeySteps.Base + "/register/finish", body);

        AssertClientError(response);
        Assert.Equal(0L, await api.PasskeyCountAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
    }

    [Theory]
    [MemberData(nameof(Spoilers))]
    public async Task A_bad_sign_in_credential_is_a_400_and_starts_no_session(string spoiler)
    {
        var email = $"bad-signin-{spoiler.Replace('_', '-')}@example.com";
        // The owner's own passkey, so every spoiled part reaches the verifier in the owner's grain.
        using var authenticator = new SoftwareAuthenticator();
        using (var owner = await api.SignedInClientAsync(email))
        {
            await owner.RegisterAsync(authenticator);
        }

        using var client = await api.SignedOutClientAsync();
        if (spoiler == "credential_id_1024_bytes")
        {
            authenticator.CredentialId = new byte[1024];
        }

        var sessions = await SessionCountAsync(email);
        var (ceremonyId, options) = await client.StartSignInAsync(email);
        var credential = JsonNode.Parse(Spoil(spoiler, authenticator.Authenticate(options, client.Origin), "authenticatorData"))!.AsObject();
        credential["ceremonyId"] = ceremonyId;

        var response = await client.PostRawAsync(PasskeySteps.Base + "/authenticate/finish", credential.ToJsonString());

        AssertClientError(response);
        Assert.Null(client.SessionCookie);
        Assert.Equal(sessions, await SessionCountAsync(email));
    }

    [Theory]
    [InlineData("{\"ceremonyId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"credential\":{}}")]
    [InlineData("{\"ceremonyId\":\"not a ceremony\",\"credential\":{}}")]
    [InlineData("{\"ceremonyId\":\"" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" + "\",\"credential\":{}}")]
    [InlineData("{\"credential\":{}}")]
    [InlineData("{}")]
    public async Task An_unknown_or_malformed_ceremony_id_is_refused(string body)
    {
        using var client = await api.SignedOutClientAsync();

        var response = await client.PostRawAsync(PasskeySteps.Base + "/authenticate/finish", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("unknown_ceremony", response.ErrorCode);
    }

    [Theory]
    [InlineData("{\"email\":\"not-an-address\"}", "invalid_email")]
    [InlineData("{\"email\":42}", "invalid_json")]
    [InlineData("[]", "invalid_json")]
    [InlineData("{\"email\":", "invalid_json")]
    public async Task A_bad_sign_in_start_is_a_400(string body, string code)
    {
        using var client = await api.SignedOutClientAsync();

        var response = await client.PostRawAsync(PasskeySteps.Base + "/authenticate/start", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.ErrorCode);
    }

    [Fact]
    public async Task A_sign_in_start_without_a_body_is_usernameless()
    {
        using var client = await api.SignedOutClientAsync();

        var response = await client.PostAsync(PasskeySteps.Base + "/authenticate/start");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, response.Body.GetProperty("options").GetProperty("allowCredentials").GetArrayLength());
    }

    private static string Spoil(string spoiler, string credentialJson, string binaryMember)
    {
        var credential = JsonNode.Parse(credentialJson)!.AsObject();
        var response = credential["response"]!.AsObject();
        JsonNode? spoiled = spoiler switch
        {
            "missing" => null,
            "null" => JsonValue.Create((string?)null),
            "string" => JsonValue.Create("credential"),
            "empty_object" => new JsonObject(),
            _ => credential,
        };
        switch (spoiler)
        {
            case "garbage_base64url":
                response[binaryMember] = "%%%not*base64url!!";
                break;
            case "truncated_cbor":
                var bytes = Base64UrlText.Decode(response[binaryMember]!.GetValue<string>());
                response[binaryMember] = Base64UrlText.Encode(bytes.AsSpan(0, bytes.Length / 2));
                break;
            case "oversized_cbor":
                response[binaryMember] = Base64UrlText.Encode(new byte[200_000]);
                break;
            case "unknown_member_type":
                credential["type"] = "password";
                break;
        }

        var body = new JsonObject();
        if (spoiler != "missing")
        {
            body["credential"] = spoiled?.DeepClone();
        }

        return body.ToJsonString();
    }

    private static void AssertClientError(ApiResponse response)
    {
        Assert.True((int)response.Status is >= 400 and < 500, $"{(int)response.Status}: {response.Text}");
        Assert.False(string.IsNullOrEmpty(response.ErrorCode), response.Text);
        Assert.False(string.IsNullOrEmpty(response.Body.GetProperty("error").GetProperty("request_id").GetString()));
    }

    private Task<long> SessionCountAsync(string email) =>
        api.CountAsync("select count(*) from sessions where user_id = (select id from users where email = @email)", ("email", email));
}
