using System.Text.Json.Serialization;

namespace FitFolio.Api.Apis;

/// <summary>
/// Every preference, each required. An unknown field is refused rather than skipped (the API's
/// default): a misspelt name would otherwise be a change that silently did nothing.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PreferencesRequest(string? WeightUnit, string? EffortScale, int? DefaultRestSeconds);
