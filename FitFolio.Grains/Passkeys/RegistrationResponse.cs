using System.Text.Json;
using FitFolio.Grains.Passkeys.Internal;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// The browser's answer to navigator.credentials.create, as <c>PublicKeyCredential.toJSON()</c> posts it
/// (RegistrationResponseJSON, L3 §5.1.4.2), decoded and bounded but not yet verified.
/// </summary>
public sealed class RegistrationResponse
{
    private RegistrationResponse(byte[] credentialId, byte[] clientDataJson, byte[] attestationObject, IReadOnlyList<string> transports, string? authenticatorAttachment)
    {
        CredentialId = credentialId;
        ClientDataJson = clientDataJson;
        AttestationObject = attestationObject;
        Transports = transports;
        AuthenticatorAttachment = authenticatorAttachment;
    }

    public ReadOnlyMemory<byte> CredentialId { get; }

    public ReadOnlyMemory<byte> ClientDataJson { get; }

    public ReadOnlyMemory<byte> AttestationObject { get; }

    /// <summary>
    /// response.transports, de-duplicated, in the order given. Values we do not know are kept: §5.8.4 tells
    /// clients to ignore unknown ones, and storing them lets a newer browser use a newer transport.
    /// </summary>
    public IReadOnlyList<string> Transports { get; }

    /// <summary>"platform", "cross-platform", or null when the browser did not say.</summary>
    public string? AuthenticatorAttachment { get; }

    /// <exception cref="PasskeyVerificationException">The JSON is malformed, too large, or not a public-key credential.</exception>
    public static RegistrationResponse Parse(string credentialJson)
    {
        using var document = CredentialJson.Parse(credentialJson);
        return Read(document.RootElement);
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static RegistrationResponse Parse(ReadOnlyMemory<byte> credentialJsonUtf8)
    {
        using var document = CredentialJson.Parse(credentialJsonUtf8);
        return Read(document.RootElement);
    }

    private static RegistrationResponse Read(JsonElement root)
    {
        var credentialId = CredentialJson.ReadCredentialId(root);
        var response = CredentialJson.Response(root);
        var clientDataJson = CredentialJson.RequiredBinary(response, "clientDataJSON");
        var attestationObject = CredentialJson.RequiredBinary(response, "attestationObject");
        var transports = ReadTransports(response);
        var attachment = CredentialJson.AuthenticatorAttachment(root);
        CredentialJson.CheckClientExtensionResults(root);
        return new RegistrationResponse(credentialId, clientDataJson, attestationObject, transports, attachment);
    }

    private static string[] ReadTransports(JsonElement response)
    {
        switch (StrictJson.Find(response, "transports"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return [];
            case { ValueKind: JsonValueKind.Array } array when array.GetArrayLength() <= InputLimits.MaxTransports:
                var transports = new List<string>();
                foreach (var item in array.EnumerateArray())
                {
                    var transport = item.ValueKind == JsonValueKind.String ? StrictJson.ReadString(item, "transports", "response") : "";
                    if (transport.Length is 0 or > InputLimits.MaxTransportLength || !transport.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                    {
                        throw Fail.Malformed("response.transports must hold short lower-case tokens such as \"usb\" or \"internal\".");
                    }

                    if (!transports.Contains(transport, StringComparer.Ordinal))
                    {
                        transports.Add(transport);
                    }
                }

                return [.. transports];
            default:
                throw Fail.Malformed($"response.transports must be an array of at most {InputLimits.MaxTransports} strings.");
        }
    }
}
