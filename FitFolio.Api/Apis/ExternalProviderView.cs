namespace FitFolio.Api.Apis;

/// <summary>A provider the sign-in page offers: the button says "Continue with <paramref name="Name"/>" and opens <paramref name="StartUrl"/>.</summary>
public sealed record ExternalProviderView(string Id, string Name, string StartUrl);
