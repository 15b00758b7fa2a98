namespace FitFolio.Tests.ExternalSignIn;

/// <summary>Who <see cref="TestIdentityProvider"/> signs in next: the ID token's <c>sub</c>, <c>email</c>, <c>email_verified</c>, <c>auth_time</c>.</summary>
public sealed record TestPerson(string Subject, string? Email, bool EmailVerified = true, DateTimeOffset? AuthenticatedAt = null);
