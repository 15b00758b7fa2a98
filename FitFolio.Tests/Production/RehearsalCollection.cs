namespace FitFolio.Tests.Production;

/// <summary>
/// The rehearsal tests measure failures and recovery times of real processes under load, on the
/// same two cores as everything else: they run alone, after the parallel test classes, so another
/// class's burst of work cannot pass for a slow recovery.
/// </summary>
[CollectionDefinition(nameof(RehearsalCollection), DisableParallelization = true)]
public sealed class RehearsalCollection;
