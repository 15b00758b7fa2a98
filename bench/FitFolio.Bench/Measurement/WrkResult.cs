namespace FitFolio.Bench.Measurement;

internal sealed record WrkResult(double RequestsPerSecond, LatencySummary Latency, long Requests);
