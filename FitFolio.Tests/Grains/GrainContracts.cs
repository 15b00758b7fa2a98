using System.Reflection;
using System.Runtime.CompilerServices;
using FitFolio.Grains.Users;

namespace FitFolio.Tests.Grains;

/// <summary>
/// Finds, by reflection, every one of our types that crosses a grain call: the parameter and
/// return types of every grain interface's methods, unwrapped from tasks, nullables, arrays and
/// collections, and then every type their fields hold, recursively.
/// </summary>
internal static class GrainContracts
{
    public static Assembly Assembly { get; } = typeof(IUserGrain).Assembly;

    /// <summary>
    /// Interfaces marked as grain interfaces by our runtime's marker or by Orleans' (by name, so this
    /// keeps compiling and finding them when the interfaces move to Orleans' marker).
    /// </summary>
    public static IReadOnlyList<Type> Interfaces { get; } =
    [
        .. Assembly.GetTypes()
            .Where(type => type.IsInterface
                && type.GetInterfaces().Any(marker => marker.FullName is "FitFolio.Silo.IGrainWithStringKey" or "Orleans.IGrainWithStringKey"))
            .OrderBy(type => type.FullName, StringComparer.Ordinal),
    ];

    /// <summary>Exceptions are not in signatures: every exception type of the grains assembly may be thrown out of a grain.</summary>
    public static IReadOnlyList<Type> Exceptions { get; } =
        [.. Assembly.GetTypes().Where(type => typeof(Exception).IsAssignableFrom(type)).OrderBy(type => type.FullName, StringComparer.Ordinal)];

    /// <summary>
    /// Our types reachable from the grain interfaces' signatures and from the exceptions' own members
    /// (the exceptions themselves not included), generic ones closed as the signatures close them.
    /// </summary>
    public static IReadOnlyList<Type> Types { get; } = Walk();

    /// <summary>The instance fields the serializer must carry: compiler-made backing fields included, inherited ones not.</summary>
    public static IEnumerable<FieldInfo> Fields(Type type) =>
        type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);

    /// <summary>The property a compiler-made backing field stands for, or null for a field of its own.</summary>
    public static PropertyInfo? PropertyOf(FieldInfo field) =>
        field.IsDefined(typeof(CompilerGeneratedAttribute))
            && field.Name.StartsWith('<')
            && field.Name.IndexOf('>', StringComparison.Ordinal) is > 1 and var end
            ? field.DeclaringType!.GetProperty(
                field.Name[1..end], BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            : null;

    private static List<Type> Walk()
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>();
        foreach (var method in Interfaces.SelectMany(type => type.GetMethods()))
        {
            pending.Push(method.ReturnType);
            foreach (var parameter in method.GetParameters())
            {
                pending.Push(parameter.ParameterType);
            }
        }

        foreach (var field in Exceptions.SelectMany(Fields))
        {
            pending.Push(field.FieldType);
        }

        while (pending.TryPop(out var type))
        {
            if (type.IsArray)
            {
                pending.Push(type.GetElementType()!);
                continue;
            }

            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Push(argument);
                }
            }

            if (type.Assembly != Assembly || !found.Add(type))
            {
                continue;
            }

            foreach (var field in Fields(type))
            {
                pending.Push(field.FieldType);
            }
        }

        return [.. found.OrderBy(type => type.FullName, StringComparer.Ordinal)];
    }
}
