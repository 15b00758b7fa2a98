using System.Text.Json.Nodes;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>The posted toJSON() credential: every member missing, mistyped or oversized is refused by reason.</summary>
public sealed class CredentialJsonTests : IDisposable
{
    private readonly PasskeyHarness _harness = new();
    private readonly SoftwareAuthenticator _authenticator = new();

    public void Dispose() => _authenticator.Dispose();

    [Theory]
    [InlineData("id")]
    [InlineData("rawId")]
    [InlineData("type")]
    [InlineData("response")]
    [InlineData("response.clientDataJSON")]
    [InlineData("response.attestationObject")]
    public void A_registration_missing_a_required_member_is_malformed(string member)
    {
        var json = CredentialJsonEdits.Edit(_harness.StartRegistration(_authenticator).Json, c => Remove(c, member));
        Assert.Equal(PasskeyFailureReason.Malformed, Assert.Throws<PasskeyVerificationException>(() => RegistrationResponse.Parse(json)).Reason);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("rawId")]
    [InlineData("type")]
    [InlineData("response")]
    [InlineData("response.clientDataJSON")]
    [InlineData("response.authenticatorData")]
    [InlineData("response.signature")]
    public void An_assertion_missing_a_required_member_is_malformed(string member)
    {
        var stored = _harness.Register(_authenticator).ToStoredPasskey();
        var json = CredentialJsonEdits.Edit(_harness.StartSignIn(_authenticator, stored).Json, c => Remove(c, member));
        Assert.Equal(PasskeyFailureReason.Malformed, Assert.Throws<PasskeyVerificationException>(() => AuthenticationResponse.Parse(json)).Reason);
    }

    [Fact]
    public void Optional_members_may_be_absent_or_null()
    {
        var (json, pending) = _harness.StartRegistration(_authenticator);
        var edited = CredentialJsonEdits.Edit(json, c =>
        {
            c.Remove("clientExtensionResults");
            c["authenticatorAttachment"] = null;
            c.Response().Remove("transports");
            c["someFutureMember"] = new JsonObject { ["x"] = 1 };
        });

        var passkey = _harness.Registrations.Verify(edited, pending);

        Assert.Empty(passkey.Transports);
        Assert.Null(passkey.AuthenticatorAttachment);
    }

    [Theory]
    [InlineData("type", "number")]
    [InlineData("id", "number")]
    [InlineData("response", "string")]
    [InlineData("response.clientDataJSON", "number")]
    [InlineData("response.clientDataJSON", "padded")]
    [InlineData("response.attestationObject", "standard base64")]
    [InlineData("response.attestationObject", "null")]
    [InlineData("response.transports", "string")]
    [InlineData("response.transports", "array of numbers")]
    [InlineData("response.transports", "upper case")]
    [InlineData("response.transports", "twenty entries")]
    [InlineData("authenticatorAttachment", "unknown value")]
    [InlineData("clientExtensionResults", "array")]
    public void A_registration_member_of_the_wrong_form_is_malformed(string member, string form)
    {
        var json = CredentialJsonEdits.Edit(_harness.StartRegistration(_authenticator).Json, c =>
        {
            var (parent, name) = Locate(c, member);
            parent[name] = form switch
            {
                "number" => 42,
                "string" => "text",
                "padded" => (string)parent[name]! + "==",
                "standard base64" => ((string)parent[name]!).Replace('-', '+').Replace('_', '/') + "+/",
                "null" => null,
                "array of numbers" => new JsonArray(1, 2),
                "upper case" => new JsonArray("USB"),
                "twenty entries" => new JsonArray([.. Enumerable.Range(0, 20).Select(i => (JsonNode)$"t{i}")]),
                "unknown value" => "phone",
                "array" => new JsonArray(),
                _ => throw new ArgumentOutOfRangeException(nameof(form)),
            };
        });

        Assert.Equal(PasskeyFailureReason.Malformed, Assert.Throws<PasskeyVerificationException>(() => RegistrationResponse.Parse(json)).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("{\"id\":\"AA\",\"id\":\"AA\"}")]
    [InlineData("{\"a\":\"\\ud800\"}x")]
    public void Input_that_is_not_a_JSON_object_is_malformed(string json)
    {
        Assert.Equal(PasskeyFailureReason.Malformed, Assert.Throws<PasskeyVerificationException>(() => RegistrationResponse.Parse(json)).Reason);
        Assert.Equal(PasskeyFailureReason.Malformed, Assert.Throws<PasskeyVerificationException>(() => AuthenticationResponse.Parse(json)).Reason);
    }

    [Fact]
    public void Deeply_nested_extension_results_are_malformed()
    {
        var json = CredentialJsonEdits.Edit(_harness.StartRegistration(_authenticator).Json, c =>
        {
            JsonNode nested = new JsonObject();
            for (var i = 0; i < 40; i++)
            {
                nested = new JsonObject { ["n"] = nested };
            }

            c["clientExtensionResults"] = nested;
        });
        Assert.Equal(PasskeyFailureReason.Malformed, Assert.Throws<PasskeyVerificationException>(() => RegistrationResponse.Parse(json)).Reason);
    }

    [Fact]
    public void A_huge_credential_is_refused_before_parsing()
    {
        var json = "{\"id\":\"" + new string('A', 200_000) + "\"}";
        Assert.Equal(PasskeyFailureReason.InputTooLarge, Assert.Throws<PasskeyVerificationException>(() => RegistrationResponse.Parse(json)).Reason);
        Assert.Equal(
            PasskeyFailureReason.InputTooLarge,
            Assert.Throws<PasskeyVerificationException>(() => AuthenticationResponse.Parse(System.Text.Encoding.UTF8.GetBytes(json))).Reason);
    }

    [Fact]
    public void An_oversized_field_inside_a_credential_is_refused()
    {
        var json = CredentialJsonEdits.Edit(
            _harness.StartRegistration(_authenticator).Json, c => c.Response().SetBinary("attestationObject", new byte[20_000]));
        Assert.Equal(PasskeyFailureReason.InputTooLarge, Assert.Throws<PasskeyVerificationException>(() => RegistrationResponse.Parse(json)).Reason);
    }

    [Fact]
    public void A_1024_byte_raw_id_is_refused_as_too_long_and_a_larger_one_as_too_large()
    {
        var json = CredentialJsonEdits.Edit(_harness.StartRegistration(_authenticator).Json, c =>
        {
            c.SetBinary("id", new byte[1024]);
            c.SetBinary("rawId", new byte[1024]);
        });
        Assert.Equal(PasskeyFailureReason.CredentialIdTooLong, Assert.Throws<PasskeyVerificationException>(() => RegistrationResponse.Parse(json)).Reason);

        var larger = CredentialJsonEdits.Edit(json, c => c.SetBinary("rawId", new byte[4096]));
        Assert.Equal(PasskeyFailureReason.InputTooLarge, Assert.Throws<PasskeyVerificationException>(() => RegistrationResponse.Parse(larger)).Reason);
    }

    [Fact]
    public void An_empty_raw_id_is_malformed()
    {
        var json = CredentialJsonEdits.Edit(_harness.StartRegistration(_authenticator).Json, c =>
        {
            c["id"] = "";
            c["rawId"] = "";
        });
        Assert.Equal(PasskeyFailureReason.Malformed, Assert.Throws<PasskeyVerificationException>(() => RegistrationResponse.Parse(json)).Reason);
    }

    [Fact]
    public void Parsing_from_UTF8_bytes_matches_parsing_from_a_string()
    {
        var json = _harness.StartRegistration(_authenticator).Json;

        var fromString = RegistrationResponse.Parse(json);
        var fromBytes = RegistrationResponse.Parse(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal(fromString.Raw.Response.AttestationObject, fromBytes.Raw.Response.AttestationObject);
        Assert.Equal(fromString.CredentialId.ToArray(), fromBytes.CredentialId.ToArray());
    }

    private static void Remove(JsonObject credential, string member)
    {
        var (parent, name) = Locate(credential, member);
        Assert.True(parent.Remove(name));
    }

    private static (JsonObject Parent, string Name) Locate(JsonObject credential, string member) =>
        member.StartsWith("response.", StringComparison.Ordinal)
            ? (credential.Response(), member["response.".Length..])
            : (credential, member);
}
