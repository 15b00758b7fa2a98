namespace FitFolio.Grains.Passkeys;

public static class PasskeyFailureReasonCodes
{
    /// <summary>The stable code for <paramref name="reason"/>; codes never change once shipped, audit queries depend on them.</summary>
    public static string ToCode(this PasskeyFailureReason reason) => reason switch
    {
        PasskeyFailureReason.Malformed => "malformed",
        PasskeyFailureReason.InputTooLarge => "input_too_large",
        PasskeyFailureReason.TypeMismatch => "type_mismatch",
        PasskeyFailureReason.CredentialIdMismatch => "credential_id_mismatch",
        PasskeyFailureReason.CredentialIdTooLong => "credential_id_too_long",
        PasskeyFailureReason.CeremonyMismatch => "ceremony_mismatch",
        PasskeyFailureReason.ChallengeExpired => "challenge_expired",
        PasskeyFailureReason.ChallengeMismatch => "challenge_mismatch",
        PasskeyFailureReason.OriginMismatch => "origin_mismatch",
        PasskeyFailureReason.CrossOriginNotAllowed => "cross_origin_not_allowed",
        PasskeyFailureReason.RpIdMismatch => "rp_id_mismatch",
        PasskeyFailureReason.UserPresenceMissing => "user_presence_missing",
        PasskeyFailureReason.UserVerificationMissing => "user_verification_missing",
        PasskeyFailureReason.BackupStateInvalid => "backup_state_invalid",
        PasskeyFailureReason.BackupEligibilityChanged => "backup_eligibility_changed",
        PasskeyFailureReason.AttestedCredentialDataMissing => "attested_credential_data_missing",
        PasskeyFailureReason.UnsupportedAlgorithm => "unsupported_algorithm",
        PasskeyFailureReason.AlgorithmNotAllowed => "algorithm_not_allowed",
        PasskeyFailureReason.InvalidPublicKey => "invalid_public_key",
        PasskeyFailureReason.UnsupportedAttestationFormat => "unsupported_attestation_format",
        PasskeyFailureReason.InvalidAttestationStatement => "invalid_attestation_statement",
        PasskeyFailureReason.AttestationCertificateInvalid => "attestation_certificate_invalid",
        PasskeyFailureReason.AuthenticatorNotTrusted => "authenticator_not_trusted",
        PasskeyFailureReason.CredentialAlreadyRegistered => PasskeyRegistrationResult.AlreadyRegistered,
        PasskeyFailureReason.BadSignature => "bad_signature",
        PasskeyFailureReason.CredentialNotAllowed => "credential_not_allowed",
        PasskeyFailureReason.UserHandleMismatch => "user_handle_mismatch",
        PasskeyFailureReason.SignCountRegression => "sign_count_regression",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown passkey failure reason."),
    };
}
