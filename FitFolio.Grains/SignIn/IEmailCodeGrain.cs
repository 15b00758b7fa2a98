using FitFolio.Grains.Common;

namespace FitFolio.Grains.SignIn;

/// <summary>
/// The one place that checks an emailed 8-digit code, keyed by the normalized address whether or
/// not an account has it. Every address takes the same steps (one read of its lockout, account and
/// live code; one write of a failure), so neither the answer nor the work behind it tells a live
/// account from an unknown, locked or passkey-only address. Attempts for one address queue here, so
/// parallel guesses cannot race past the lockout.
/// </summary>
[Alias("fitfolio.email-code")]
public interface IEmailCodeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks <paramref name="code"/> (empty when it was not 8 digits) against the address's live
    /// code. A match only names the link: the user grain redeems it and clears the lockout.
    /// </summary>
    Task<EmailCodeCheck> Check(string code, RequestOrigin origin);
}
