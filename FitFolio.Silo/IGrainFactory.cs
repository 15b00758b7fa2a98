namespace FitFolio.Silo;

/// <summary>Returns references to grains. A reference is cheap, can be kept, and never reveals where the grain lives.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
