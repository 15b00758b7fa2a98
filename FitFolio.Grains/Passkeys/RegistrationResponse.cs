using Fido2NetLib;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// The browser's answer to navigator.credentials.create, as <c>PublicKeyCredential.toJSON()</c> posts it
/// (RegistrationResponseJSON, L3 §5.1.4.2), bounded and read into Fido2's model but not yet verified.
/// </summary>
public sealed class RegistrationResponse
{
    private RegistrationResponse(AuthenticatorAttestationRawResponse raw, IReadOnlyList<string> transports, string? authenticatorAttachment)
    {
        Raw = raw;
        Transports = transports;
        AuthenticatorAttachment = authenticatorAttachment;
    }

    /// <summary>What Fido2 verifies.</summary>
    public AuthenticatorAttestationRawResponse Raw { get; }

    public ReadOnlyMemory<byte> CredentialId => Raw.RawId;

    /// <summary>response.transports, de-duplicated, in the order given, unknown values kept (see <see cref="CredentialJson.TakeTransports"/>).</summary>
    public IReadOnlyList<string> Transports { get; }

    /// <summary>"platform", "cross-platform", or null when the browser did not say.</summary>
    public string? AuthenticatorAttachment { get; }

    /// <exception cref="PasskeyVerificationException">The JSON is malformed, too large, or not a public-key credential.</exception>
    public static RegistrationResponse Parse(ReadOnlyMemory<byte> credentialJsonUtf8) => Parse(CredentialJson.Decode(credentialJsonUtf8));

    /// <inheritdoc cref="Parse(ReadOnlyMemory{byte})"/>
    public static RegistrationResponse Parse(string credentialJson)
    {
        var root = CredentialJson.Parse(credentialJson);
        var transports = CredentialJson.TakeTransports(root);
        var attachment = CredentialJson.String(root, "authenticatorAttachment");
        var raw = CredentialJson.Deserialize<AuthenticatorAttestationRawResponse>(root);
        CredentialJson.CheckEnvelope(raw.Id, raw.RawId, raw.Response, raw.Response?.ClientDataJson);
        CredentialJson.Field(raw.Response.AttestationObject, "attestationObject");
        return new RegistrationResponse(raw, transports, attachment);
    }
}
