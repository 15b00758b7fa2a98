namespace FitFolio.Grains.ApiKeys;

/// <summary>The scopes a key may carry. Keys never reach sign-in, sessions, passkeys or key management, whatever their scopes.</summary>
public static class ApiKeyScopes
{
    public const string Read = "read";
    public const string Write = "write";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Read, Write };
}
