using Fido2NetLib;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// The browser's answer to navigator.credentials.get, as <c>PublicKeyCredential.toJSON()</c> posts it
/// (AuthenticationResponseJSON, L3 §5.1.4.2), bounded and read into Fido2's model but not yet verified.
/// Parse first, look up the stored passkey by <see cref="CredentialId"/> (and, usernameless, the user by
/// <see cref="UserHandle"/>), then call <see cref="PasskeyAssertionVerifier.VerifyAsync"/>.
/// </summary>
public sealed class AuthenticationResponse
{
    private AuthenticationResponse(AuthenticatorAssertionRawResponse raw)
    {
        Raw = raw;
        // Explicit: an implicit byte[]? → ReadOnlyMemory<byte>? conversion turns null into an empty, non-null handle.
        UserHandle = raw.Response.UserHandle is { } handle ? new ReadOnlyMemory<byte>(handle) : default(ReadOnlyMemory<byte>?);
    }

    /// <summary>What Fido2 verifies.</summary>
    public AuthenticatorAssertionRawResponse Raw { get; }

    public ReadOnlyMemory<byte> CredentialId => Raw.RawId;

    /// <summary>response.userHandle: the owner the authenticator stored with a discoverable credential, if it sent one.</summary>
    public ReadOnlyMemory<byte>? UserHandle { get; }

    /// <exception cref="PasskeyVerificationException">The JSON is malformed, too large, or not a public-key credential.</exception>
    public static AuthenticationResponse Parse(ReadOnlyMemory<byte> credentialJsonUtf8) => Parse(CredentialJson.Decode(credentialJsonUtf8));

    /// <inheritdoc cref="Parse(ReadOnlyMemory{byte})"/>
    public static AuthenticationResponse Parse(string credentialJson)
    {
        var root = CredentialJson.Parse(credentialJson);

        // An empty userHandle is how some clients say "none"; §5.2.2 allows null, and a real handle is 1–64 bytes.
        var response = (System.Text.Json.Nodes.JsonObject)root["response"]!;
        if (CredentialJson.String(response, "userHandle") is "")
        {
            response.Remove("userHandle");
        }

        var raw = CredentialJson.Deserialize<AuthenticatorAssertionRawResponse>(root);
        CredentialJson.CheckEnvelope(raw.Id, raw.RawId, raw.Response, raw.Response?.ClientDataJson);
        CredentialJson.Field(raw.Response.AuthenticatorData, "authenticatorData");
        CredentialJson.Field(raw.Response.Signature, "signature");

        if (raw.Response.UserHandle is { Length: 0 or > CredentialJson.MaxUserHandleBytes })
        {
            throw CredentialJson.Malformed($"response.userHandle must be 1 to {CredentialJson.MaxUserHandleBytes} bytes.");
        }

        return new AuthenticationResponse(raw);
    }
}
