using Fido2NetLib.Objects;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Configuration section <c>Passkeys</c>: what FitFolio asks of authenticators. Checked at start by
/// <see cref="PasskeyOptionsValidator"/> (a bad value stops the host rather than the first registration);
/// README's configuration table gives each default's reason.
/// </summary>
public sealed class PasskeyOptions
{
    public const string Section = "Passkeys";

    /// <summary>
    /// Attestation conveyance preference: none, indirect, direct or enterprise. Default none: FitFolio decides
    /// nothing on the authenticator model, and asking for more adds a browser consent prompt.
    /// </summary>
    public string Attestation { get; set; } = "none";

    /// <summary>
    /// COSE algorithm ids offered at registration, in order of preference. Default (null): <see cref="DefaultAlgorithms"/>.
    /// Null rather than the list itself because the configuration binder appends to an array that has items, so a
    /// configured <c>[-7]</c> would become <c>[-7, -8, -257, -7]</c>.
    /// </summary>
    public int[]? Algorithms { get; set; }

    /// <summary>-7 (ES256), -8 (EdDSA), -257 (RS256): the set WebAuthn L3 §5.4 recommends, which every platform and security key can meet.</summary>
    public static IReadOnlyList<int> DefaultAlgorithms { get; } = [(int)COSE.Algorithm.ES256, (int)COSE.Algorithm.EdDSA, (int)COSE.Algorithm.RS256];

    /// <summary>The optional FIDO metadata BLOB (<c>Passkeys:Metadata</c>). Default: off.</summary>
    public PasskeyMetadataOptions Metadata { get; set; } = new();

    /// <summary>What is wrong with the settings, each naming its key; empty when nothing is. Reads no file.</summary>
    public IEnumerable<string> Problems()
    {
        if (RelyingPartyOptions.AttestationProblem(Attestation) is { } attestation)
        {
            yield return $"{Section}:Attestation {attestation}";
        }

        if (RelyingPartyOptions.AlgorithmsProblem(AllowedAlgorithms) is { } algorithms)
        {
            yield return $"{Section}:Algorithms {algorithms}";
        }

        foreach (var problem in (Metadata ?? new()).Problems())
        {
            yield return problem;
        }
    }

    /// <summary>
    /// The relying-party options for <paramref name="rpId"/>, the metadata BLOB read and verified when configured;
    /// throws <see cref="ArgumentException"/> on a bad value and <see cref="PasskeyMetadataException"/> on unusable metadata.
    /// </summary>
    public RelyingPartyOptions ToRelyingParty(string rpId, string rpName, IReadOnlyList<string> origins, TimeSpan ceremonyTimeout)
    {
        var options = new RelyingPartyOptions
        {
            RpId = rpId,
            RpName = rpName,
            AllowedOrigins = origins,
            CeremonyTimeout = ceremonyTimeout,
            AllowedAlgorithms = AllowedAlgorithms,
            Attestation = Attestation,
        };
        options.Validate();
        return options with { Metadata = (Metadata ?? new()).Load() };
    }

    private COSE.Algorithm[] AllowedAlgorithms => [.. (Algorithms ?? DefaultAlgorithms).Select(id => (COSE.Algorithm)id)];
}
