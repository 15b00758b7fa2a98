namespace FitFolio.Silo.Catalog;

internal enum ActivationState
{
    Activating,
    Active,
    Deactivating,
    Dead,
}
