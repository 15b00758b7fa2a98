using System.Text.Json.Nodes;

namespace FitFolio.Tests.Passkeys;

/// <summary>Edits a posted credential JSON the way a tampering client could.</summary>
public static class CredentialJsonEdits
{
    public static string Edit(string json, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    public static JsonObject Response(this JsonObject credential) => credential["response"]!.AsObject();

    public static byte[] Binary(this JsonObject obj, string name) => Base64UrlText.Decode((string)obj[name]!);

    public static void SetBinary(this JsonObject obj, string name, byte[] value) => obj[name] = Base64UrlText.Encode(value);

    /// <summary>Replaces response.attestationObject with one rebuilt from (possibly changed) parts.</summary>
    public static string RebuildAttestation(
        string json, Func<(string Fmt, byte[] AttStmt, byte[] AuthData), (string? Fmt, byte[]? AttStmt, byte[]? AuthData)> change) =>
        Edit(json, credential =>
        {
            var response = credential.Response();
            var parts = change(TestCbor.ReadAttestationObject(response.Binary("attestationObject")));
            response.SetBinary("attestationObject", TestCbor.AttestationObject(parts.Fmt, parts.AttStmt, parts.AuthData));
        });
}
