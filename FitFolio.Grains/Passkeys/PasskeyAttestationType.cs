namespace FitFolio.Grains.Passkeys;

/// <summary>What the attestation statement proved (§6.5.3), as far as we can tell without a trust store.</summary>
public enum PasskeyAttestationType
{
    /// <summary>fmt "none": nothing is attested about the authenticator.</summary>
    None,

    /// <summary>packed without x5c: signed by the credential key itself, so it proves only key possession.</summary>
    Self,

    /// <summary>
    /// packed with x5c: signed by an attestation certificate (Basic or AttCA). The certificate is checked
    /// for form (§8.2.1) but not chained to a trusted root, so it is a claim, not a proof, of the model.
    /// </summary>
    Certificate,
}
