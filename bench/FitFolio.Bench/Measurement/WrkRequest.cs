namespace FitFolio.Bench.Measurement;

/// <summary>
/// What wrk sends besides a bare GET: fixed headers (a session cookie) and/or a Lua script that
/// builds each request (a distinct email per POST). A script is regenerated per run when requests
/// must never repeat across runs, which is why this is passed per run rather than per generator.
/// </summary>
internal sealed record WrkRequest(IReadOnlyList<string> Headers, string? Script = null);
