using System.Text.Json;
using FitFolio.Grains.Passkeys.Internal;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// The browser's answer to navigator.credentials.get, as <c>PublicKeyCredential.toJSON()</c> posts it
/// (AuthenticationResponseJSON, L3 §5.1.4.2), decoded and bounded but not yet verified. Parse first,
/// look up the stored passkey by <see cref="CredentialId"/> (and, usernameless, the user by
/// <see cref="UserHandle"/>), then call <see cref="AssertionVerifier.Verify(AuthenticationResponse, PendingPasskeyCeremony, StoredPasskey)"/>.
/// </summary>
public sealed class AuthenticationResponse
{
    private AuthenticationResponse(byte[] credentialId, byte[] clientDataJson, byte[] authenticatorData, byte[] signature, byte[]? userHandle)
    {
        CredentialId = credentialId;
        ClientDataJson = clientDataJson;
        AuthenticatorData = authenticatorData;
        Signature = signature;
        // Explicit: an implicit byte[]? → ReadOnlyMemory<byte>? conversion turns null into an empty, non-null handle.
        UserHandle = userHandle is null ? default(ReadOnlyMemory<byte>?) : new ReadOnlyMemory<byte>(userHandle);
    }

    public ReadOnlyMemory<byte> CredentialId { get; }

    public ReadOnlyMemory<byte> ClientDataJson { get; }

    public ReadOnlyMemory<byte> AuthenticatorData { get; }

    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>response.userHandle: the owner the authenticator stored with a discoverable credential, if it sent one.</summary>
    public ReadOnlyMemory<byte>? UserHandle { get; }

    /// <exception cref="PasskeyVerificationException">The JSON is malformed, too large, or not a public-key credential.</exception>
    public static AuthenticationResponse Parse(string credentialJson)
    {
        using var document = CredentialJson.Parse(credentialJson);
        return Read(document.RootElement);
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static AuthenticationResponse Parse(ReadOnlyMemory<byte> credentialJsonUtf8)
    {
        using var document = CredentialJson.Parse(credentialJsonUtf8);
        return Read(document.RootElement);
    }

    private static AuthenticationResponse Read(JsonElement root)
    {
        var credentialId = CredentialJson.ReadCredentialId(root);
        var response = CredentialJson.Response(root);
        var clientDataJson = CredentialJson.RequiredBinary(response, "clientDataJSON");
        var authenticatorData = CredentialJson.RequiredBinary(response, "authenticatorData");
        var signature = CredentialJson.RequiredBinary(response, "signature");

        // An empty userHandle is how some clients say "none"; §5.2.2 allows null, and a real handle is 1–64 bytes.
        var encodedHandle = StrictJson.OptionalString(response, "userHandle", "response");
        byte[]? userHandle = null;
        if (!string.IsNullOrEmpty(encodedHandle))
        {
            userHandle = Base64Url.Decode(encodedHandle, "userHandle", InputLimits.MaxUserHandleBytes);
        }

        CredentialJson.AuthenticatorAttachment(root);
        CredentialJson.CheckClientExtensionResults(root);
        return new AuthenticationResponse(credentialId, clientDataJson, authenticatorData, signature, userHandle);
    }
}
