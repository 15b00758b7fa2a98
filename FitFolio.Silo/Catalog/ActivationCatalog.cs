using System.Collections.Concurrent;
using FitFolio.Silo.Invocation;

namespace FitFolio.Silo.Catalog;

/// <summary>The activations living on this silo, one per grain.</summary>
internal sealed class ActivationCatalog(SiloRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<Activation> All => _activations.Values;

    public Activation GetOrCreate(GrainInterface grainInterface, GrainId grainId)
    {
        while (true)
        {
            if (_activations.TryGetValue(grainId, out var existing))
            {
                // A dying activation may still be listed for an instant; never hand it out again.
                if (existing.State != ActivationState.Dead)
                {
                    return existing;
                }

                Remove(existing);
                continue;
            }

            var created = new Activation(runtime, grainInterface, grainId);
            var winner = _activations.GetOrAdd(grainId, created);
            if (ReferenceEquals(winner, created))
            {
                created.Start();
            }

            return winner;
        }
    }

    public bool TryGet(GrainId grainId, out Activation activation) => _activations.TryGetValue(grainId, out activation!);

    public void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));
}
