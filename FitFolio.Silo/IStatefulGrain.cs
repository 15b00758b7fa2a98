namespace FitFolio.Silo;

/// <summary>Lets the runtime load a <see cref="Grain{TState}"/>'s state before its activation hook runs.</summary>
internal interface IStatefulGrain
{
    Task ReadStateAsync(IServiceProvider services, CancellationToken cancellationToken);
}
