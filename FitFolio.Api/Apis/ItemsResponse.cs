namespace FitFolio.Api.Apis;

public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
