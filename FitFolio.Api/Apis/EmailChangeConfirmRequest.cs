namespace FitFolio.Api.Apis;

/// <summary>
/// Body of <c>POST /account/email-change/confirm</c>: the token from the link's fragment, and whether
/// to end every other session of the account (all of them when this browser holds none of its own).
/// </summary>
public sealed record EmailChangeConfirmRequest(string? Token, bool? EndOtherSessions);
