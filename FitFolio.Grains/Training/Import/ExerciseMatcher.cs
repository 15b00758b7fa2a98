using System.Collections.Frozen;

namespace FitFolio.Grains.Training.Import;

/// <summary>
/// Maps another app's exercise names to exercises: the person's own and the catalog by name,
/// ignoring case, spaces and punctuation ("Pull-Up" is "Pull Up"), then a small alias table for
/// names the catalog spells differently. Unmatched names become custom exercises.
/// </summary>
public sealed class ExerciseMatcher
{
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["benchpress"] = "bench-press-barbell",
        ["barbellbenchpress"] = "bench-press-barbell",
        ["flatbenchpress"] = "bench-press-barbell",
        ["dumbbellbenchpress"] = "bench-press-dumbbell",
        ["inclinebenchpress"] = "incline-bench-press-barbell",
        ["squat"] = "squat-barbell",
        ["backsquat"] = "squat-barbell",
        ["barbellsquat"] = "squat-barbell",
        ["frontsquat"] = "front-squat-barbell",
        ["deadlift"] = "deadlift-barbell",
        ["conventionaldeadlift"] = "deadlift-barbell",
        ["romaniandeadlift"] = "romanian-deadlift-barbell",
        ["rdl"] = "romanian-deadlift-barbell",
        ["overheadpress"] = "overhead-press-barbell",
        ["ohp"] = "overhead-press-barbell",
        ["militarypress"] = "overhead-press-barbell",
        ["shoulderpressbarbell"] = "overhead-press-barbell",
        ["shoulderpressdumbbell"] = "overhead-press-dumbbell",
        ["pullups"] = "pull-up",
        ["chinups"] = "chin-up",
        ["pushups"] = "push-up",
        ["dips"] = "chest-dip",
        ["latpulldown"] = "lat-pulldown-cable",
        ["latpulldownmachine"] = "lat-pulldown-cable",
        ["barbellrow"] = "bent-over-row-barbell",
        ["bentoverrow"] = "bent-over-row-barbell",
        ["dumbbellrow"] = "bent-over-one-arm-row-dumbbell",
        ["seatedcablerow"] = "seated-row-cable",
        ["cablerow"] = "seated-row-cable",
        ["tricepspushdown"] = "triceps-pushdown-cable",
        ["tricepspushdowncablestraightbar"] = "triceps-pushdown-cable",
        ["tricepropepushdown"] = "triceps-rope-pushdown-cable",
        ["bicepcurl"] = "bicep-curl-dumbbell",
        ["barbellcurl"] = "bicep-curl-barbell",
        ["hammercurl"] = "hammer-curl-dumbbell",
        ["lateralraise"] = "lateral-raise-dumbbell",
        ["facepull"] = "face-pull-cable",
        ["legpress"] = "leg-press-machine",
        ["legextension"] = "leg-extension-machine",
        ["legcurl"] = "lying-leg-curl-machine",
        ["hipthrust"] = "hip-thrust-barbell",
        ["calfraisemachine"] = "standing-calf-raise-machine",
        ["skullcrusher"] = "skullcrusher-barbell",
        ["lyingtricepsextensionbarbell"] = "skullcrusher-barbell",
        ["runningoutdoor"] = "running",
        ["rowing"] = "rowing-machine",
        ["rowingmachine"] = "rowing-machine",
        ["kettlebellswings"] = "kettlebell-swing",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly Dictionary<string, Exercise> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exercise> _bySlug = new(StringComparer.Ordinal);

    public ExerciseMatcher(IEnumerable<Exercise> exercises)
    {
        // The person's own exercises win over the catalog's of the same name.
        foreach (var exercise in exercises.OrderBy(e => e.Custom ? 0 : 1))
        {
            _byName.TryAdd(Normalize(exercise.Name), exercise);
            if (exercise.Slug is { } slug)
            {
                _bySlug[slug] = exercise;
            }
        }
    }

    public Exercise? Find(string name)
    {
        var key = Normalize(name);
        if (_byName.TryGetValue(key, out var exercise))
        {
            return exercise;
        }

        return Aliases.TryGetValue(key, out var slug) && _bySlug.TryGetValue(slug, out var aliased) ? aliased : null;
    }

    public void Remember(Exercise exercise) => _byName.TryAdd(Normalize(exercise.Name), exercise);

    /// <summary>The equipment a name's "(Barbell)"-style suffix implies; "other" when it says nothing.</summary>
    public static string EquipmentOf(string name)
    {
        var key = Normalize(name);
        return key switch
        {
            _ when key.EndsWith("smithmachine", StringComparison.Ordinal) => "smith_machine",
            _ when key.EndsWith("barbell", StringComparison.Ordinal) => "barbell",
            _ when key.EndsWith("dumbbell", StringComparison.Ordinal) => "dumbbell",
            _ when key.EndsWith("kettlebell", StringComparison.Ordinal) => "kettlebell",
            _ when key.EndsWith("machine", StringComparison.Ordinal) => "machine",
            _ when key.EndsWith("cable", StringComparison.Ordinal) => "cable",
            _ when key.EndsWith("band", StringComparison.Ordinal) => "band",
            _ when key.EndsWith("ezbar", StringComparison.Ordinal) => "ez_bar",
            _ when key.EndsWith("bodyweight", StringComparison.Ordinal) => "bodyweight",
            _ => "other",
        };
    }

    public static string Normalize(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
