using FitFolio.Grains.Admin;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.Training;
using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>Everything FitFolio holds about a person, as one JSON document (<c>POST /account/export</c>).</summary>
public sealed record AccountExport(
    string Format,
    DateTimeOffset ExportedAt,
    UserProfile Account,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<PasskeyView> Passkeys,
    IReadOnlyList<LinkedIdentity> ExternalIdentities,
    IReadOnlyList<ApiKeyView> ApiKeys,
    IReadOnlyList<AuditEventRow> SecurityEvents,
    TrainingExportData Training);
