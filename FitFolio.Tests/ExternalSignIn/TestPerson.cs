namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// A person registered at the tests' providers (<see cref="ProviderLoginPages"/>): the ID token's (or Discord user object's) <c>sub</c>,
/// <c>email</c> and <c>email_verified</c>, and the password typed at the provider's login page with the subject or the address.
/// </summary>
public sealed record TestPerson(string Subject, string? Email, bool EmailVerified = true, string Password = TestPerson.DefaultPassword)
{
    /// <summary>Everyone's password unless a test says otherwise: these people exist only in a test provider's memory.</summary>
    public const string DefaultPassword = "correct horse battery staple";
}
