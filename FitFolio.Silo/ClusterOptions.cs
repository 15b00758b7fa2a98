namespace FitFolio.Silo;

/// <summary>Configuration section <c>Cluster</c>: what silos share.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// The secret every silo presents on the internal endpoint. Required; at least 32 characters.
    /// No default: a guessable secret would let anyone on the network call any grain.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// Secrets still accepted (never sent) while a new <see cref="Secret"/> rolls out to every
    /// silo; empty by default. See RUNBOOK.md, rotating the cluster secret.
    /// </summary>
    public IList<string> PreviousSecrets { get; } = [];
}
