using FitFolio.Grains.Accounts;
using FitFolio.Grains.Common;
using FitFolio.Grains.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Grains.SignIn;

/// <summary>
/// A sign-in link asked for at <c>magic-link/start</c>, worked on after the request was answered: the account is found or created
/// (unverified), then its user grain mails the link and code, or audits why it did not (email sign-in off, locked by an admin).
/// </summary>
public sealed record SignInMailRequest(EmailAddress Email, RequestOrigin Origin) : SignInWork(Origin)
{
    public override async Task RunAsync(IServiceProvider services)
    {
        var userId = await services.GetRequiredService<UserDirectory>().FindOrCreateAsync(Email);
        await services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(userId.ToString("N")).IssueMagicLink("sign_in", Origin);
    }
}
