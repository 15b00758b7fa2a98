using FitFolio.Grains.Common;

namespace FitFolio.Grains.SignIn;

/// <summary>
/// Work a sign-in route answers for before doing it (<see cref="SignInMailQueue"/>): the part that depends on whether an address has an
/// account, so that the answer's timing cannot tell. The magic-link start's (<see cref="SignInMailRequest"/>) and a provider sign-in's
/// address proof are the two kinds; one queue and one set of workers serve both.
/// </summary>
public abstract record SignInWork(RequestOrigin Origin)
{
    /// <summary>Runs on a <see cref="SignInMailWorker"/> after the answer went out; <paramref name="services"/> are the host's singletons.</summary>
    public abstract Task RunAsync(IServiceProvider services);
}
