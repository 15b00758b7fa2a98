namespace FitFolio.Tests.Passkeys.Fuzzing;

/// <summary>
/// A real response to mutate, with the server context it was made for. <see cref="Verify"/> runs the
/// public entry point (parse and verify) on a candidate credential JSON, given as text or raw UTF-8.
/// <see cref="SignedFields"/> are the response members whose bytes are covered by a signature this seed
/// carries: after any change to them, success would be a forgery.
/// </summary>
public sealed record FuzzSeed(
    string Name, string Json, bool IsRegistration, Action<string> Verify, Action<byte[]> VerifyUtf8, IReadOnlySet<string> SignedFields);
