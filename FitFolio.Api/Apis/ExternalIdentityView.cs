namespace FitFolio.Api.Apis;

/// <summary>
/// A provider identity linked to the account: <paramref name="Provider"/> is the provider's id (its routes' name), <paramref name="ProviderName"/>
/// its label, <paramref name="Email"/> the address the provider vouched for when it was linked (null when none).
/// </summary>
public sealed record ExternalIdentityView(string Provider, string ProviderName, string Subject, string? Email, DateTimeOffset LinkedAt);
