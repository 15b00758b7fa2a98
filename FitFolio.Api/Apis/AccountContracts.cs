using FitFolio.Grains.Admin;
using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.Training;
using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /account/api-keys</c>: scopes from <c>read</c>, <c>write</c>; no expiry when <c>expiresInDays</c> is null.</summary>
public sealed record ApiKeyCreateRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);

/// <summary>Answer of <c>POST /account/api-keys</c>: <c>secret</c> is the whole token, shown this once and never again.</summary>
public sealed record ApiKeyCreatedResponse(ApiKeyView Key, string Secret);

/// <summary>Body of <c>POST /account/email-change</c>.</summary>
public sealed record EmailChangeRequest(string? NewEmail);

/// <summary>
/// Body of <c>POST /account/email-change/confirm</c>: the token from the link's fragment, and whether
/// to end every other session of the account (all of them when this browser holds none of its own).
/// </summary>
public sealed record EmailChangeConfirmRequest(string? Token, bool? EndOtherSessions);

/// <summary>Everything FitFolio holds about a person, as one JSON document (<c>POST /account/export</c>).</summary>
public sealed record AccountExport(
    string Format,
    DateTimeOffset ExportedAt,
    UserProfile Account,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<PasskeyView> Passkeys,
    IReadOnlyList<ApiKeyView> ApiKeys,
    IReadOnlyList<AuditEventRow> SecurityEvents,
    TrainingExportData Training);
