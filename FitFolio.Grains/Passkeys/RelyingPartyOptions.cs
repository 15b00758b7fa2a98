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
    /// Credential key algorithms offered at registration, in order of preference.
    /// Default: ES256 (-7), RS256 (-257). EdDSA (-8) is refused here because .NET cannot verify it.
    /// </summary>
    public IReadOnlyList<CoseAlgorithm> AllowedAlgorithms { get; init; } = [CoseAlgorithm.ES256, CoseAlgorithm.RS256];

    /// <summary>Whether the UV flag must be set in every ceremony. Default: true (passkeys replace passwords).</summary>
    public bool RequireUserVerification { get; init; } = true;

    /// <summary>
    /// The attestation conveyance preference sent at registration: none, indirect, direct or enterprise.
    /// Default: <c>none</c>. Whatever is asked, a <c>none</c> statement is always accepted, since browsers may strip attestation.
    /// </summary>
    public string Attestation { get; init; } = "none";

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

        if (AllowedAlgorithms is null || AllowedAlgorithms.Count == 0)
        {
            throw new ArgumentException("At least one algorithm must be allowed.", nameof(AllowedAlgorithms));
        }

        foreach (var algorithm in AllowedAlgorithms)
        {
            if (algorithm is not (CoseAlgorithm.ES256 or CoseAlgorithm.RS256))
            {
                throw new ArgumentException($"Algorithm {algorithm} ({(int)algorithm}) cannot be verified on .NET; allow ES256 and RS256 only.", nameof(AllowedAlgorithms));
            }
        }

        if (Attestation is not ("none" or "indirect" or "direct" or "enterprise"))
        {
            throw new ArgumentException("Attestation must be none, indirect, direct or enterprise.", nameof(Attestation));
        }
    }
}
