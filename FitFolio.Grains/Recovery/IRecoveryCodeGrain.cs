using FitFolio.Grains.Common;

namespace FitFolio.Grains.Recovery;

/// <summary>
/// The one place that checks a recovery code, keyed by the normalised address whether or not an
/// account has it (as <see cref="SignIn.IEmailCodeGrain"/> does for emailed codes): every address takes
/// the same steps and locks alike, so neither the answer nor a lockout tells which addresses have
/// accounts or codes. Attempts for one address queue here, so parallel guesses cannot race past the lockout.
/// </summary>
[Alias("fitfolio.recovery-code")]
public interface IRecoveryCodeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks <paramref name="code"/> (normalised by <see cref="RecoveryCodes.TryNormalize"/>; empty when
    /// it was not a code) against the account's unused codes. A match only names the code: the user grain uses it up.
    /// </summary>
    Task<RecoveryCodeCheck> Check(string code, RequestOrigin origin);
}
