using System.Security.Cryptography;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>The steps §7.1 (registration) and §7.2 (authentication) share, in the order the spec lists them.</summary>
internal sealed class CeremonyChecks
{
    private readonly RelyingPartyOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly byte[] _rpIdHash;

    public CeremonyChecks(RelyingPartyOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _rpIdHash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(options.RpId));
    }

    public RelyingPartyOptions Options => _options;

    public void CheckPending(PendingPasskeyCeremony pending, PasskeyCeremonyKind expected)
    {
        if (pending.Kind != expected)
        {
            throw Fail.With(PasskeyFailureReason.CeremonyMismatch, $"The pending ceremony is a {pending.Kind}, not a {expected}.");
        }

        if (_timeProvider.GetUtcNow() >= pending.ExpiresAt)
        {
            throw Fail.With(PasskeyFailureReason.ChallengeExpired, "The challenge has expired; start the ceremony again.");
        }
    }

    /// <summary>§7.1 steps 7–10, §7.2 steps 11–14.</summary>
    public void CheckClientData(ClientData clientData, string expectedType, PendingPasskeyCeremony pending)
    {
        if (!string.Equals(clientData.Type, expectedType, StringComparison.Ordinal))
        {
            throw Fail.With(PasskeyFailureReason.TypeMismatch, $"clientDataJSON.type is \"{Truncate(clientData.Type)}\"; expected \"{expectedType}\".");
        }

        var challenge = DecodeChallenge(clientData.Challenge);
        if (!CryptographicOperations.FixedTimeEquals(challenge, pending.Challenge.Span))
        {
            throw Fail.With(PasskeyFailureReason.ChallengeMismatch, "clientDataJSON.challenge is not the challenge issued for this ceremony.");
        }

        if (!_options.AllowedOrigins.Contains(clientData.Origin, StringComparer.Ordinal))
        {
            throw Fail.With(PasskeyFailureReason.OriginMismatch, $"clientDataJSON.origin \"{Truncate(clientData.Origin)}\" is not an allowed origin.");
        }

        // L3 §5.8.1: topOrigin is present only for a cross-origin call. We allow a cross-origin iframe
        // only under a configured top-level origin, so a frame elsewhere cannot run our ceremony.
        if (clientData.CrossOrigin)
        {
            if (clientData.TopOrigin is null || !_options.AllowedTopOrigins.Contains(clientData.TopOrigin, StringComparer.Ordinal))
            {
                throw Fail.With(PasskeyFailureReason.CrossOriginNotAllowed, "The ceremony ran in a cross-origin iframe under a top-level origin that is not allowed.");
            }
        }
        else if (clientData.TopOrigin is not null)
        {
            throw Fail.With(PasskeyFailureReason.CrossOriginNotAllowed, "clientDataJSON has topOrigin without crossOrigin.");
        }
    }

    /// <summary>§7.1 steps 13–17, §7.2 steps 15–18.</summary>
    public void CheckAuthenticatorData(AuthenticatorData data)
    {
        if (!CryptographicOperations.FixedTimeEquals(data.RpIdHash, _rpIdHash))
        {
            throw Fail.With(PasskeyFailureReason.RpIdMismatch, $"authenticatorData.rpIdHash is not SHA-256 of \"{_options.RpId}\".");
        }

        if (!data.UserPresent)
        {
            throw Fail.With(PasskeyFailureReason.UserPresenceMissing, "The UP (user present) flag is not set.");
        }

        if (_options.RequireUserVerification && !data.UserVerified)
        {
            throw Fail.With(PasskeyFailureReason.UserVerificationMissing, "User verification is required but the UV flag is not set.");
        }

        // §6.1.3: a credential that is not backup eligible cannot be backed up.
        if (data.BackedUp && !data.BackupEligible)
        {
            throw Fail.With(PasskeyFailureReason.BackupStateInvalid, "The BS (backed up) flag is set without BE (backup eligible).");
        }
    }

    private static byte[] DecodeChallenge(string encoded)
    {
        try
        {
            return Base64Url.Decode(encoded, "clientDataJSON.challenge", 1024);
        }
        catch (PasskeyVerificationException exception)
        {
            throw new PasskeyVerificationException(PasskeyFailureReason.ChallengeMismatch, "clientDataJSON.challenge is not base64url, so it cannot be the issued challenge.", exception);
        }
    }

    // Messages go to logs; never copy an attacker-sized string into them.
    private static string Truncate(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");
}
