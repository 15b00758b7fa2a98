namespace FitFolio.Bench.Grains;

/// <summary>A small state document, about the size of a user's hot auth state without its lists.</summary>
public sealed record ProfileState
{
    public string DisplayName { get; set; } = "";

    public int Workouts { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
