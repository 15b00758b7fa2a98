namespace FitFolio.TestProviders;

/// <summary>Body of the launcher's <c>POST /next-person</c>: who the providers sign in next.</summary>
public sealed record NextPersonRequest(string Subject, string? Email, bool EmailVerified = true);
