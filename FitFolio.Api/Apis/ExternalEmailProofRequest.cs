namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /auth/external/email/send</c>: the address to prove for the provider identity waiting in this browser.</summary>
public sealed record ExternalEmailProofRequest(string? Email);
