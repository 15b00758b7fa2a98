namespace FitFolio.Tests.Fuzz;

/// <summary>Who sends a request: the cookies (session and CSRF) a browser would send, or an API key.</summary>
internal sealed record FuzzCaller(string Name, string? Cookie, string? Csrf, string? Bearer);
