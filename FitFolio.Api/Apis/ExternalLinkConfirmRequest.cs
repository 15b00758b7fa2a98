namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /auth/external/link/confirm</c>: the token of the link mailed to the account's owner.</summary>
public sealed record ExternalLinkConfirmRequest(string? Token);
