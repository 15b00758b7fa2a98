namespace FitFolio.Api.Auth;

/// <summary>Configuration section <c>Cluster</c>: the secret that keys the session cookie's tag (moving to its own section).</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    public string Secret { get; set; } = "";

    public IList<string> PreviousSecrets { get; } = [];
}
