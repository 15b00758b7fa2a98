using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FitFolio.Grains.Passkeys;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// Makes a freshly signed-in session one an admin route accepts (its last proof a passkey), the way a
/// browser would: registers a software passkey while the sign-in is recent, then confirms with it.
/// Both steps rotate the session cookie; the caller's cookie container keeps the newest.
/// </summary>
internal static class PasskeyProof
{
    public static async Task RunAsync(HttpClient client, string csrf)
    {
        using var authenticator = new SoftwareAuthenticator();
        var creation = await PostAsync(client, csrf, "/api/v1/auth/webauthn/register/start", null, HttpStatusCode.OK);
        var created = authenticator.Register(creation.GetProperty("options").Deserialize<PublicKeyCredentialCreationOptionsJson>()!, FitFolioHost.Origin);
        await PostAsync(
            client, csrf, "/api/v1/auth/webauthn/register/finish", new JsonObject { ["credential"] = JsonNode.Parse(created) }, HttpStatusCode.Created);

        var request = await PostAsync(client, csrf, "/api/v1/auth/reauthenticate/start", null, HttpStatusCode.OK);
        var asserted = authenticator.Authenticate(request.GetProperty("options").Deserialize<PublicKeyCredentialRequestOptionsJson>()!, FitFolioHost.Origin);
        var finish = new JsonObject { ["ceremonyId"] = request.GetProperty("ceremonyId").GetString(), ["credential"] = JsonNode.Parse(asserted) };
        await PostAsync(client, csrf, "/api/v1/auth/reauthenticate/finish", finish, HttpStatusCode.NoContent);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string csrf, string path, JsonObject? body, HttpStatusCode expected)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        message.Headers.Add("X-CSRF-Token", csrf);
        message.Headers.Add("Origin", FitFolioHost.Origin);
        using var response = await client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
