using FitFolio.Tests.ExternalSignIn;

namespace FitFolio.TestProviders;

/// <summary>
/// Body of the launcher's <c>POST /people</c>: a person to register at both providers, who then signs in on their login pages with
/// the subject or the address and <see cref="Password"/> (<see cref="TestPerson.DefaultPassword"/> when none is given).
/// </summary>
public sealed record PersonRequest(string Subject, string? Email, bool EmailVerified = true, string? Password = null);
