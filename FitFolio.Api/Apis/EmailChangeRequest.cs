namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /account/email-change</c>.</summary>
public sealed record EmailChangeRequest(string? NewEmail);
