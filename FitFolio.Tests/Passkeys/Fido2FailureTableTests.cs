using Fido2NetLib;
using Fido2NetLib.Exceptions;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>The one table from Fido2's error codes to ours: complete, and what the API sends for each code.</summary>
public sealed class Fido2FailureTableTests
{
    public static TheoryData<Fido2ErrorCode> EveryFido2Code => [.. Enum.GetValues<Fido2ErrorCode>()];

    [Fact]
    public void Every_Fido2_error_code_has_a_row_so_a_code_added_by_a_new_Fido2_fails_here()
    {
        var missing = Enum.GetValues<Fido2ErrorCode>().Where(code => !Fido2FailureTable.Reasons.ContainsKey(code)).ToArray();

        Assert.True(missing.Length == 0, "Fido2 error codes without a row in Fido2FailureTable: " + string.Join(", ", missing));
        Assert.Equal(Enum.GetValues<Fido2ErrorCode>().Length, Fido2FailureTable.Reasons.Count);
    }

    [Theory]
    [MemberData(nameof(EveryFido2Code))]
    public void A_Fido2_failure_becomes_our_exception_with_the_tables_reason_and_a_stable_code(Fido2ErrorCode code)
    {
        var thrown = new Fido2VerificationException(code, "from Fido2");

        var translated = Fido2FailureTable.Translate(thrown);

        Assert.NotNull(translated);
        Assert.Equal(Fido2FailureTable.Reasons[code], translated.Reason);
        Assert.Same(thrown, translated.InnerException);
        Assert.Matches("^[a-z]+(_[a-z]+)*$", translated.Code);
    }

    [Theory]
    [InlineData(Fido2ErrorCode.InvalidSignature, "bad_signature")]
    [InlineData(Fido2ErrorCode.InvalidSignCount, "sign_count_regression")]
    [InlineData(Fido2ErrorCode.InvalidRpidHash, "rp_id_mismatch")]
    [InlineData(Fido2ErrorCode.UserPresentFlagNotSet, "user_presence_missing")]
    [InlineData(Fido2ErrorCode.UserVerificationRequirementNotMet, "user_verification_missing")]
    [InlineData(Fido2ErrorCode.InvalidAuthenticatorResponseChallenge, "challenge_mismatch")]
    [InlineData(Fido2ErrorCode.InvalidAuthenticatorResponseOrigin, "origin_mismatch")]
    [InlineData(Fido2ErrorCode.NonUniqueCredentialId, "credential_already_registered")]
    [InlineData(Fido2ErrorCode.UnknownAttestationType, "unsupported_attestation_format")]
    [InlineData(Fido2ErrorCode.UndesiredMetadataStatus, "authenticator_not_trusted")]
    public void The_codes_clients_and_audit_queries_rely_on_are_unchanged(Fido2ErrorCode code, string expected) =>
        Assert.Equal(expected, Fido2FailureTable.ReasonFor(code).ToCode());

    [Fact]
    public void What_the_readers_under_Fido2_throw_is_malformed_input_and_anything_else_is_not_swallowed()
    {
        Assert.Equal(PasskeyFailureReason.Malformed, Fido2FailureTable.Translate(new System.Formats.Cbor.CborContentException("bad cbor"))!.Reason);
        Assert.Equal(PasskeyFailureReason.Malformed, Fido2FailureTable.Translate(new System.Text.Json.JsonException("bad json"))!.Reason);
        Assert.Null(Fido2FailureTable.Translate(new NullReferenceException()));
        Assert.Null(Fido2FailureTable.Translate(new OutOfMemoryException()));
    }
}
