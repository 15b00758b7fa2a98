namespace FitFolio.Seed;

/// <summary>One generated person: the secrets of their live sessions are kept so the bench and tests can present them as cookies.</summary>
public sealed record SeededPerson(Guid UserId, string Email, IReadOnlyList<string> SessionSecrets);
