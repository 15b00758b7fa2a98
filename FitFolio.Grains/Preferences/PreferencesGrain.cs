using FitFolio.Grains.Common;
using FitFolio.Silo.Hosting;

namespace FitFolio.Grains.Preferences;

/// <summary>
/// Self-contained state, so Orleans grain storage rather than a table of ours: no SQL query reads
/// preferences and no audit row commits with them. Every write carries the version this activation
/// read; a stale duplicate's write fails with <see cref="Orleans.Storage.InconsistentStateException"/>,
/// Orleans drops that activation, and the next call reads the newer state. The row goes with the
/// account (a trigger on <c>users</c>, sql/014).
/// </summary>
[PersonGrainPlacement]
[GrainType("preferences")]
internal sealed class PreferencesGrain(
    [PersistentState("preferences", GrainStorage.Name)] IPersistentState<Preferences> state) : Grain, IPreferencesGrain
{
    public Task<Preferences> Get() => Task.FromResult(state.State);

    public async Task<Preferences> Set(Preferences preferences)
    {
        if (state.RecordExists && state.State == preferences)
        {
            return preferences;
        }

        // Memory changes only once the row has: a failed write leaves this activation as it was.
        var previous = state.State;
        state.State = preferences;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        return preferences;
    }
}
