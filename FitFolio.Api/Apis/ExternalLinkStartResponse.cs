namespace FitFolio.Api.Apis;

/// <summary>Where the browser goes to link a provider: the provider's authorization page, with this flow's state (its cookies are set already).</summary>
public sealed record ExternalLinkStartResponse(string RedirectUrl);
