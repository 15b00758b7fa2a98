namespace FitFolio.Grains.Common;

/// <summary>Configuration section <c>App</c>.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// The origin people use, e.g. <c>https://fitfolio.example</c>: links in mail point here, and
    /// passkeys and CSRF checks are bound to it. Required outside Development, where it defaults
    /// to <c>http://localhost:8080</c>.
    /// </summary>
    public Uri? PublicOrigin { get; set; }
}
