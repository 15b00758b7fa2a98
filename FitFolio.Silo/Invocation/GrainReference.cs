namespace FitFolio.Silo.Invocation;

/// <summary>What a proxy holds: the runtime to call through, the grain's identity and its method table.</summary>
internal sealed record GrainReference(SiloRuntime Runtime, GrainId GrainId, GrainInterface Interface);
