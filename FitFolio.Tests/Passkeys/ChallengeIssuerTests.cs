using Fido2NetLib.Objects;
using System.Text.Json;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>The options JSON the browser receives (L3 §5.1.4.2, §5.5.1) and the pending ceremony the grain keeps.</summary>
public sealed class ChallengeIssuerTests
{
    private readonly PasskeyHarness _harness = new();

    [Fact]
    public void Creation_options_serialise_to_the_Level_3_JSON_form()
    {
        var handle = new byte[] { 1, 2, 3, 250 };
        var start = _harness.Issuer.IssueRegistration(
            new PasskeyUser(handle, "ana@fitfolio.test", "Ana"),
            [new PasskeyCredentialDescriptor(new byte[] { 9, 9 }, ["usb", "nfc"]), new PasskeyCredentialDescriptor(new byte[] { 8 }, [])]);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(start.Options));
        var root = json.RootElement;

        Assert.Equal("fitfolio.test", root.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("FitFolio", root.GetProperty("rp").GetProperty("name").GetString());
        Assert.Equal("AQID-g", root.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("ana@fitfolio.test", root.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("Ana", root.GetProperty("user").GetProperty("displayName").GetString());
        Assert.Equal(32, Base64UrlText.Decode(root.GetProperty("challenge").GetString()!).Length);
        Assert.DoesNotContain('=', root.GetProperty("challenge").GetString()!);
        Assert.Equal([-7, -8, -257], root.GetProperty("pubKeyCredParams").EnumerateArray().Select(p => p.GetProperty("alg").GetInt32()));
        Assert.All(root.GetProperty("pubKeyCredParams").EnumerateArray(), p => Assert.Equal("public-key", p.GetProperty("type").GetString()));
        Assert.Equal(300_000, root.GetProperty("timeout").GetInt64());
        var excluded = root.GetProperty("excludeCredentials").EnumerateArray().ToArray();
        Assert.Equal("CQk", excluded[0].GetProperty("id").GetString());
        Assert.Equal(["usb", "nfc"], excluded[0].GetProperty("transports").EnumerateArray().Select(t => t.GetString()));
        Assert.False(excluded[1].TryGetProperty("transports", out _));
        var selection = root.GetProperty("authenticatorSelection");
        Assert.Equal("required", selection.GetProperty("residentKey").GetString());
        Assert.True(selection.GetProperty("requireResidentKey").GetBoolean());
        Assert.Equal("required", selection.GetProperty("userVerification").GetString());
        Assert.Equal("none", root.GetProperty("attestation").GetString());
        Assert.False(root.TryGetProperty("hints", out _));
    }

    [Fact]
    public void The_pending_registration_holds_the_issued_challenge_user_and_expiry()
    {
        var start = _harness.Issuer.IssueRegistration(new PasskeyUser(_harness.UserHandle, "ana", "Ana"), []);

        Assert.Equal(PasskeyCeremonyKind.Registration, start.Pending.Kind);
        Assert.Equal(Base64UrlText.Decode(start.Options.Challenge), start.Pending.Challenge.ToArray());
        Assert.Equal(_harness.UserHandle, start.Pending.UserHandle!.Value.ToArray());
        Assert.Equal(_harness.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), start.Pending.ExpiresAt);
    }

    [Fact]
    public void Every_ceremony_gets_a_fresh_challenge()
    {
        var challenges = Enumerable.Range(0, 50)
            .Select(_ => _harness.Issuer.IssueAuthentication(null, []).Options.Challenge)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(50, challenges.Count);
    }

    [Fact]
    public void Request_options_serialise_to_the_Level_3_JSON_form()
    {
        var start = _harness.Issuer.IssueAuthentication(
            _harness.UserHandle, [new PasskeyCredentialDescriptor(new byte[] { 7, 7, 7 }, ["internal"])], ["client-device"]);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(start.Options));
        var root = json.RootElement;

        Assert.Equal("fitfolio.test", root.GetProperty("rpId").GetString());
        Assert.Equal(32, Base64UrlText.Decode(root.GetProperty("challenge").GetString()!).Length);
        Assert.Equal(300_000, root.GetProperty("timeout").GetInt64());
        Assert.Equal("required", root.GetProperty("userVerification").GetString());
        var allowed = Assert.Single(root.GetProperty("allowCredentials").EnumerateArray().ToArray());
        Assert.Equal("public-key", allowed.GetProperty("type").GetString());
        Assert.Equal("BwcH", allowed.GetProperty("id").GetString());
        Assert.Equal(["client-device"], root.GetProperty("hints").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(PasskeyCeremonyKind.Authentication, start.Pending.Kind);
        Assert.Equal([7, 7, 7], Assert.Single(start.Pending.AllowedCredentialIds).ToArray());
    }

    [Fact]
    public void A_usernameless_sign_in_has_no_user_handle_and_no_allow_credentials()
    {
        var start = _harness.Issuer.IssueAuthentication(null, []);

        Assert.Null(start.Pending.UserHandle);
        Assert.Empty(start.Pending.AllowedCredentialIds);
        Assert.Empty(start.Options.AllowCredentials);
    }

    [Fact]
    public void Without_required_user_verification_the_options_ask_for_preferred()
    {
        var harness = new PasskeyHarness(PasskeyHarness.DefaultOptions() with { RequireUserVerification = false, CeremonyTimeout = TimeSpan.FromSeconds(90) });

        var creation = harness.Issuer.IssueRegistration(new PasskeyUser(harness.UserHandle, "ana", "Ana"), []).Options;
        var request = harness.Issuer.IssueAuthentication(null, []).Options;

        Assert.Equal("preferred", creation.AuthenticatorSelection.UserVerification);
        Assert.Equal("preferred", request.UserVerification);
        Assert.Equal(90_000, request.Timeout);
    }

    [Fact]
    public void Invalid_requests_are_programming_errors_not_verification_failures()
    {
        var issuer = _harness.Issuer;
        Assert.Throws<ArgumentException>(() => issuer.IssueRegistration(new PasskeyUser(new byte[65], "ana", "Ana"), []));
        Assert.Throws<ArgumentException>(() => issuer.IssueRegistration(new PasskeyUser(Array.Empty<byte>(), "ana", "Ana"), []));
        Assert.Throws<ArgumentException>(() => issuer.IssueRegistration(new PasskeyUser(new byte[16], " ", "Ana"), []));
        Assert.Throws<ArgumentException>(
            () => issuer.IssueRegistration(new PasskeyUser(new byte[16], "ana", "Ana"), [new PasskeyCredentialDescriptor(new byte[1024], [])]));
        Assert.Throws<ArgumentException>(() => issuer.IssueAuthentication(null, [], ["carrier-pigeon"]));
        Assert.Throws<ArgumentException>(() => issuer.IssueAuthentication(null, [new PasskeyCredentialDescriptor(new byte[16], [])]));
        Assert.Throws<ArgumentException>(() => PendingPasskeyCeremony.ForAuthentication(new byte[15], null, [], DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("SHA-1 RS1 offered")]
    [InlineData("unknown algorithm offered")]
    [InlineData("an algorithm twice")]
    [InlineData("no algorithms")]
    [InlineData("no origins")]
    [InlineData("blank origin")]
    [InlineData("RP ID with scheme")]
    [InlineData("empty RP ID")]
    [InlineData("blank RP name")]
    [InlineData("zero timeout")]
    [InlineData("two hour timeout")]
    [InlineData("unknown attestation")]
    public void A_configuration_that_cannot_work_fails_at_construction(string problem)
    {
        var valid = PasskeyHarness.DefaultOptions();
        var options = problem switch
        {
            "SHA-1 RS1 offered" => valid with { AllowedAlgorithms = [COSE.Algorithm.RS1] },
            "unknown algorithm offered" => valid with { AllowedAlgorithms = [COSE.Algorithm.ES256, (COSE.Algorithm)(-9999)] },
            "an algorithm twice" => valid with { AllowedAlgorithms = [COSE.Algorithm.ES256, COSE.Algorithm.ES256] },
            "no algorithms" => valid with { AllowedAlgorithms = [] },
            "no origins" => valid with { AllowedOrigins = [] },
            "blank origin" => valid with { AllowedOrigins = [""] },
            "RP ID with scheme" => valid with { RpId = "https://fitfolio.test" },
            "empty RP ID" => valid with { RpId = "" },
            "blank RP name" => valid with { RpName = " " },
            "zero timeout" => valid with { CeremonyTimeout = TimeSpan.Zero },
            "two hour timeout" => valid with { CeremonyTimeout = TimeSpan.FromHours(2) },
            _ => valid with { Attestation = "always" },
        };

        Assert.Throws<ArgumentException>(() => new PasskeyRegistrationVerifier(options));
        Assert.Throws<ArgumentException>(() => new PasskeyAssertionVerifier(options));
        Assert.Throws<ArgumentException>(() => new PasskeyChallengeIssuer(options));
    }

    [Fact]
    public void Every_failure_reason_has_a_distinct_snake_case_code()
    {
        var codes = Enum.GetValues<PasskeyFailureReason>().Select(r => r.ToCode()).ToArray();

        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches("^[a-z]+(_[a-z]+)*$", code));
        Assert.Contains("sign_count_regression", codes);
        Assert.Contains("challenge_mismatch", codes);
    }
}
