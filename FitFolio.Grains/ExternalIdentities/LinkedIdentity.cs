namespace FitFolio.Grains.ExternalIdentities;

/// <summary>
/// A provider identity linked to an account, as the account page, the admin detail and the export show it: the provider, its stable
/// <paramref name="Subject"/>, the address the provider vouched for when it was linked (null when it vouched for none) and when.
/// </summary>
public sealed record LinkedIdentity(string Provider, string Subject, string? Email, DateTimeOffset LinkedAt);
