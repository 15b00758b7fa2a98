namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Why a WebAuthn ceremony was refused. <see cref="PasskeyFailureReasonCodes.ToCode"/> gives the stable
/// snake_case code that endpoints return and audit records carry.
/// </summary>
[GenerateSerializer, Alias("fitfolio.passkeys.failure-reason")]
public enum PasskeyFailureReason
{
    /// <summary><c>malformed</c>: the input is not valid base64url, JSON, CBOR, or lacks a member.</summary>
    Malformed,

    /// <summary><c>input_too_large</c>: a field or the whole credential passes the hard size limits.</summary>
    InputTooLarge,

    /// <summary><c>type_mismatch</c>: credential type is not "public-key", or clientData.type is wrong for the ceremony.</summary>
    TypeMismatch,

    /// <summary><c>credential_id_mismatch</c>: id and rawId differ, or rawId differs from the attested credential ID.</summary>
    CredentialIdMismatch,

    /// <summary><c>credential_id_too_long</c>: a credential ID above 1023 bytes (§5.1 credentialId).</summary>
    CredentialIdTooLong,

    /// <summary><c>ceremony_mismatch</c>: the pending ceremony is of the other kind (registration vs authentication).</summary>
    CeremonyMismatch,

    /// <summary><c>challenge_expired</c>: the pending ceremony passed its expiry.</summary>
    ChallengeExpired,

    /// <summary><c>challenge_mismatch</c>: clientData.challenge is not the issued challenge.</summary>
    ChallengeMismatch,

    /// <summary><c>origin_mismatch</c>: clientData.origin is not one of the allowed origins.</summary>
    OriginMismatch,

    /// <summary><c>cross_origin_not_allowed</c>: the ceremony ran in a cross-origin iframe we do not allow.</summary>
    CrossOriginNotAllowed,

    /// <summary><c>rp_id_mismatch</c>: authenticatorData.rpIdHash is not SHA-256 of our RP ID.</summary>
    RpIdMismatch,

    /// <summary><c>user_presence_missing</c>: the UP flag is clear.</summary>
    UserPresenceMissing,

    /// <summary><c>user_verification_missing</c>: UV is required and the UV flag is clear.</summary>
    UserVerificationMissing,

    /// <summary><c>backup_state_invalid</c>: BS is set while BE is clear (§6.1.3).</summary>
    BackupStateInvalid,

    /// <summary><c>backup_eligibility_changed</c>: BE differs from the value stored at registration.</summary>
    BackupEligibilityChanged,

    /// <summary><c>attested_credential_data_missing</c>: a registration without the AT flag and credential data.</summary>
    AttestedCredentialDataMissing,

    /// <summary><c>unsupported_algorithm</c>: a COSE algorithm Fido2 cannot check.</summary>
    UnsupportedAlgorithm,

    /// <summary><c>algorithm_not_allowed</c>: a supported algorithm that the relying party options do not allow.</summary>
    AlgorithmNotAllowed,

    /// <summary><c>invalid_public_key</c>: the COSE key is ill-formed, off the curve, too small, or disagrees with its alg.</summary>
    InvalidPublicKey,

    /// <summary><c>unsupported_attestation_format</c>: an attestation format Fido2 does not know.</summary>
    UnsupportedAttestationFormat,

    /// <summary><c>invalid_attestation_statement</c>: attStmt does not follow its format's syntax or rules.</summary>
    InvalidAttestationStatement,

    /// <summary><c>attestation_certificate_invalid</c>: an attestation certificate fails its format's rules or its chain.</summary>
    AttestationCertificateInvalid,

    /// <summary>
    /// <c>authenticator_not_trusted</c>: the FIDO metadata BLOB, when configured, reports the authenticator's model
    /// revoked or compromised (<see cref="PasskeyCeremonyPolicy.RefusedMetadataStatuses"/>). A model the BLOB does not list is not refused.
    /// </summary>
    AuthenticatorNotTrusted,

    /// <summary><c>credential_already_registered</c>: the credential id is stored already, for this account or another (§7.1 step 26).</summary>
    CredentialAlreadyRegistered,

    /// <summary><c>bad_signature</c>: an attestation or assertion signature does not verify.</summary>
    BadSignature,

    /// <summary><c>credential_not_allowed</c>: the asserted credential is not the stored one or not in allowCredentials.</summary>
    CredentialNotAllowed,

    /// <summary><c>user_handle_mismatch</c>: userHandle is missing when needed, or names another user (§7.2 step 6).</summary>
    UserHandleMismatch,

    /// <summary>
    /// <c>sign_count_regression</c>: the signature counter did not increase (§7.2 step 22). The
    /// assertion is otherwise valid; the caller audits it as <c>webauthn_clone_warning</c>.
    /// </summary>
    SignCountRegression,
}
