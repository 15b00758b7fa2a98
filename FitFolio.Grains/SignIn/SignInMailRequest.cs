using FitFolio.Grains.Accounts;
using FitFolio.Grains.Common;

namespace FitFolio.Grains.SignIn;

/// <summary>A sign-in link asked for at <c>magic-link/start</c>, worked on after the request was answered.</summary>
public sealed record SignInMailRequest(EmailAddress Email, RequestOrigin Origin);
