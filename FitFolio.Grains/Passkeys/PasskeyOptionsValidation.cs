namespace FitFolio.Grains.Passkeys;

/// <summary>Start-up check of <see cref="PasskeyOptions"/>: the same rules <see cref="RelyingPartyOptions.Validate"/> applies.</summary>
public static class PasskeyOptionsValidation
{
    public static bool IsValid(PasskeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.ToRelyingParty("fitfolio.invalid", PasskeyRelyingParty.RpName, ["https://fitfolio.invalid"], TimeSpan.FromMinutes(5));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
