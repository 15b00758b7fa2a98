using System.Collections.Frozen;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Exceptions;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// The one place where what Fido2 throws becomes a <see cref="PasskeyFailureReason"/>. The API and the audit
/// log speak only our codes, so a library upgrade cannot rename what clients and audit queries see; a test
/// enumerates <see cref="Fido2ErrorCode"/>, so a code added by a new Fido2 version fails the build's tests
/// until it has a row here.
/// </summary>
public static class Fido2FailureTable
{
    /// <summary>Every <see cref="Fido2ErrorCode"/> and the reason it becomes.</summary>
    public static readonly FrozenDictionary<Fido2ErrorCode, PasskeyFailureReason> Reasons = new Dictionary<Fido2ErrorCode, PasskeyFailureReason>
    {
        // Fido2 uses Unknown for input it could not make sense of (an empty user handle, a bad CBOR shape).
        [Fido2ErrorCode.Unknown] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.InvalidRpidHash] = PasskeyFailureReason.RpIdMismatch,
        [Fido2ErrorCode.InvalidSignature] = PasskeyFailureReason.BadSignature,
        // Audited as webauthn_clone_warning by the user grain.
        [Fido2ErrorCode.InvalidSignCount] = PasskeyFailureReason.SignCountRegression,
        [Fido2ErrorCode.UserVerificationRequirementNotMet] = PasskeyFailureReason.UserVerificationMissing,
        [Fido2ErrorCode.UserPresentFlagNotSet] = PasskeyFailureReason.UserPresenceMissing,
        [Fido2ErrorCode.UnexpectedExtensions] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.MissingStoredPublicKey] = PasskeyFailureReason.InvalidPublicKey,
        [Fido2ErrorCode.InvalidAttestation] = PasskeyFailureReason.InvalidAttestationStatement,
        [Fido2ErrorCode.InvalidAttestationObject] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.MalformedAttestationObject] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.AttestedCredentialDataFlagNotSet] = PasskeyFailureReason.AttestedCredentialDataMissing,
        [Fido2ErrorCode.UnknownAttestationType] = PasskeyFailureReason.UnsupportedAttestationFormat,
        [Fido2ErrorCode.MissingAttestationType] = PasskeyFailureReason.InvalidAttestationStatement,
        [Fido2ErrorCode.MalformedExtensionsDetected] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.UnexpectedExtensionsDetected] = PasskeyFailureReason.Malformed,
        // Fido2's catch-alls for a response of the wrong shape; the checks that have codes of their own
        // (type, allowCredentials, owner) run before Fido2 in PasskeyCeremonyPolicy.
        [Fido2ErrorCode.InvalidAssertionResponse] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.InvalidAttestationResponse] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.InvalidAttestedCredentialData] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.InvalidCredentialPublicKey] = PasskeyFailureReason.InvalidPublicKey,
        [Fido2ErrorCode.InvalidAuthenticatorResponse] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.MalformedAuthenticatorResponse] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.MissingAuthenticatorData] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.InvalidAuthenticatorData] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.MissingAuthenticatorResponseChallenge] = PasskeyFailureReason.ChallengeMismatch,
        [Fido2ErrorCode.InvalidAuthenticatorResponseChallenge] = PasskeyFailureReason.ChallengeMismatch,
        [Fido2ErrorCode.MissingAuthenticatorResponseOrigin] = PasskeyFailureReason.OriginMismatch,
        [Fido2ErrorCode.InvalidAuthenticatorResponseOrigin] = PasskeyFailureReason.OriginMismatch,
        [Fido2ErrorCode.NonUniqueCredentialId] = PasskeyFailureReason.CredentialAlreadyRegistered,
        [Fido2ErrorCode.AaGuidNotFound] = PasskeyFailureReason.AuthenticatorNotTrusted,
        [Fido2ErrorCode.UnimplementedAlgorithm] = PasskeyFailureReason.UnsupportedAlgorithm,
        // Both backup policies are Allowed, so Fido2 raises these two only if that configuration changes.
        [Fido2ErrorCode.BackupEligibilityRequirementNotMet] = PasskeyFailureReason.BackupEligibilityChanged,
        [Fido2ErrorCode.BackupStateRequirementNotMet] = PasskeyFailureReason.BackupStateInvalid,
        [Fido2ErrorCode.CredentialAlgorithmRequirementNotMet] = PasskeyFailureReason.AlgorithmNotAllowed,
        [Fido2ErrorCode.MissingAttestationObject] = PasskeyFailureReason.Malformed,
        [Fido2ErrorCode.InvalidCertificateChain] = PasskeyFailureReason.AttestationCertificateInvalid,
        [Fido2ErrorCode.UndesiredMetadataStatus] = PasskeyFailureReason.AuthenticatorNotTrusted,
        [Fido2ErrorCode.CrossOriginRequestNotAllowed] = PasskeyFailureReason.CrossOriginNotAllowed,
        [Fido2ErrorCode.InvalidAuthenticatorResponseTopOrigin] = PasskeyFailureReason.CrossOriginNotAllowed,
        [Fido2ErrorCode.InvalidBackupFlags] = PasskeyFailureReason.BackupStateInvalid,
    }.ToFrozenDictionary();

    /// <summary>The reason for a Fido2 error code; a code without a row is a bug caught by the table's test.</summary>
    public static PasskeyFailureReason ReasonFor(Fido2ErrorCode code) =>
        Reasons.TryGetValue(code, out var reason) ? reason : PasskeyFailureReason.Malformed;

    /// <summary>
    /// Turns what Fido2 (or the JSON and CBOR readers under it) threw while reading a client's credential into a
    /// <see cref="PasskeyVerificationException"/>, or returns null for anything else, which is a bug to surface.
    /// </summary>
    /// <remarks>
    /// Fido2 reports most bad input as <see cref="Fido2VerificationException"/>, but some hostile inputs reach
    /// the readers it builds on first: System.Text.Json, System.Formats.Cbor, base64, ASN.1/X.509 and the
    /// key importers. Those types are what input errors look like there, so each is a refusal of the input.
    /// </remarks>
    public static PasskeyVerificationException? Translate(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            PasskeyVerificationException own => own,
            UndesiredMetadataStatusFido2VerificationException undesired => new(PasskeyFailureReason.AuthenticatorNotTrusted, undesired.Message, undesired),
            Fido2VerificationException fido2 => new(ReasonFor(fido2.Code), fido2.Message, fido2),
            JsonException or CborContentException or FormatException or CryptographicException or OverflowException
                or ArgumentException or InvalidOperationException or IndexOutOfRangeException or EndOfStreamException
                => new(PasskeyFailureReason.Malformed, $"Fido2 could not read the credential: {exception.GetType().Name}.", exception),
            _ => null,
        };
    }
}
