namespace FitFolio.Api.Apis;

/// <summary>Body of <c>PUT /auth/email-sign-in</c>.</summary>
public sealed record EmailSignInRequest(bool? Enabled);
