using FitFolio.Grains.Accounts;
using FitFolio.Grains.Common;
using FitFolio.Grains.SignIn;

namespace FitFolio.Api.ExternalSignIn;

/// <summary>
/// "Send me the link" for the identity waiting under <paramref name="BrowserHash"/>, answered 202 before this runs: whether the address
/// has an owner decides what is mailed (<see cref="ExternalEmailProof.MailAsync"/>), and that must not show in the answer's timing.
/// <paramref name="AskedAt"/> is when the person asked: the row must have been live then, and a later request's link is never replaced.
/// </summary>
public sealed record ExternalEmailProofSend(byte[] BrowserHash, EmailAddress Email, DateTimeOffset AskedAt, RequestOrigin Origin)
    : SignInWork(Origin)
{
    public override Task RunAsync(IServiceProvider services) => services.GetRequiredService<ExternalEmailProof>().MailAsync(this);
}
