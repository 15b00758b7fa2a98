using Fido2NetLib.Objects;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Who we are to authenticators and browsers. One instance serves every ceremony of a deployment;
/// <see cref="Validate"/> runs when a verifier or issuer is built, so a bad configuration fails at start-up.
/// </summary>
public sealed record RelyingPartyOptions
{
    /// <summary>The RP ID (§5.1.2), a registrable domain such as <c>fitfolio.example</c>. No default.</summary>
    public required string RpId { get; init; }

    /// <summary>The human-readable name shown by authenticators. No default.</summary>
    public required string RpName { get; init; }

    /// <summary>
    /// Origins accepted in clientDataJSON, compared as exact strings (scheme, host and port), e.g.
    /// <c>https://fitfolio.example</c>. No default: FitFolio is single-origin (ARCHITECTURE.md §5).
    /// </summary>
    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    /// <summary>
    /// Top-level origins allowed to embed us in a cross-origin iframe (clientData.topOrigin, L3 §5.8.1).
    /// Default: empty, so every cross-origin ceremony is refused with <c>cross_origin_not_allowed</c>.
    /// </summary>
    public IReadOnlyList<string> AllowedTopOrigins { get; init; } = [];

    /// <summary>How long a challenge stays valid, also sent to the browser as <c>timeout</c>. Default: 5 minutes.</summary>
    public TimeSpan CeremonyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Credential key algorithms offered at registration, in order of preference. Default: ES256 (-7), EdDSA
    /// (-8, Ed25519 through NSec) and RS256 (-257): the three WebAuthn L3 §5.4 asks relying parties to offer, so
    /// every platform and security key can register. Any algorithm Fido2 verifies may be listed except RS1
    /// (SHA-1, broken for signatures).
    /// </summary>
    public IReadOnlyList<COSE.Algorithm> AllowedAlgorithms { get; init; } = [COSE.Algorithm.ES256, COSE.Algorithm.EdDSA, COSE.Algorithm.RS256];

    /// <summary>Whether the UV flag must be set in every ceremony. Default: true (passkeys replace passwords).</summary>
    public bool RequireUserVerification { get; init; } = true;

    /// <summary>
    /// The attestation conveyance preference sent at registration: none, indirect, direct or enterprise.
    /// Default: <c>none</c>: FitFolio makes no decision on the authenticator model, and asking for more makes
    /// browsers show an extra consent prompt. Whatever is asked, every format Fido2 knows is verified, and a
    /// <c>none</c> statement is always accepted, since browsers may strip attestation.
    /// </summary>
    public string Attestation { get; init; } = "none";

    /// <summary>
    /// Where FIDO metadata comes from when a deployment wants authenticator policy (revoked or compromised
    /// models refused, attestation chains checked against the vendors' roots). Default: null, no metadata:
    /// FitFolio reaches no network for it, and with attestation none the AAGUID is the authenticator's own claim.
    /// The host sets it from <c>Passkeys:Metadata</c> (<see cref="PasskeyMetadataOptions"/>).
    /// </summary>
    public Fido2NetLib.IMetadataService? Metadata { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when the configuration cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(RpId) || RpId.Contains('/', StringComparison.Ordinal) || RpId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("RpId must be a bare domain such as 'fitfolio.example', without scheme or port.", nameof(RpId));
        }

        if (string.IsNullOrWhiteSpace(RpName))
        {
            throw new ArgumentException("RpName is required.", nameof(RpName));
        }

        if (AllowedOrigins is null || AllowedOrigins.Count == 0 || AllowedOrigins.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one allowed origin is required, and none may be blank.", nameof(AllowedOrigins));
        }

        if (AllowedTopOrigins is null || AllowedTopOrigins.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("AllowedTopOrigins must be a list without blank entries.", nameof(AllowedTopOrigins));
        }

        if (CeremonyTimeout <= TimeSpan.Zero || CeremonyTimeout > TimeSpan.FromMinutes(30))
        {
            throw new ArgumentException("CeremonyTimeout must be positive and at most 30 minutes.", nameof(CeremonyTimeout));
        }

        if (AlgorithmsProblem(AllowedAlgorithms) is { } algorithms)
        {
            throw new ArgumentException($"{nameof(AllowedAlgorithms)} {algorithms}", nameof(AllowedAlgorithms));
        }

        if (AttestationProblem(Attestation) is { } attestation)
        {
            throw new ArgumentException($"{nameof(Attestation)} {attestation}", nameof(Attestation));
        }
    }

    /// <summary>What is wrong with a list of algorithms to offer, phrased to follow the setting's name; null when nothing is.</summary>
    internal static string? AlgorithmsProblem(IReadOnlyList<COSE.Algorithm>? algorithms)
    {
        if (algorithms is null || algorithms.Count == 0)
        {
            // The configuration binder drops an item it cannot read as a number, so "ES256" alone ends here too.
            return "must list at least one COSE algorithm id, as numbers (-7 for ES256).";
        }

        foreach (var algorithm in algorithms)
        {
            if (!Enum.IsDefined(algorithm) || algorithm == COSE.Algorithm.RS1)
            {
                return $"lists {(int)algorithm}, not an algorithm Fido2 verifies with a safe hash; RS1 (-65535, SHA-1) is never allowed.";
            }
        }

        return algorithms.GroupBy(a => a).FirstOrDefault(g => g.Count() > 1) is { } twice ? $"lists {(int)twice.Key} twice." : null;
    }

    /// <summary>What is wrong with an attestation conveyance preference, phrased to follow the setting's name; null when nothing is.</summary>
    internal static string? AttestationProblem(string? attestation) =>
        attestation is "none" or "indirect" or "direct" or "enterprise" ? null : $"must be none, indirect, direct or enterprise (was '{attestation}').";
}
