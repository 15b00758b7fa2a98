using FitFolio.Silo.Calls;

namespace FitFolio.Grains.Preferences;

/// <summary>One person's preferences (key: the user id, as the user grain's), in Orleans grain storage.</summary>
[Alias("fitfolio.preferences")]
public interface IPreferencesGrain : IGrainWithStringKey
{
    [SafeToRetry]
    Task<Preferences> Get();

    /// <summary>Replaces them all (validated by the caller); the same values again write nothing.</summary>
    [SafeToRetry]
    Task<Preferences> Set(Preferences preferences);
}
