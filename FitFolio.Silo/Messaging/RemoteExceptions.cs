namespace FitFolio.Silo.Messaging;

/// <summary>
/// Recreates a grain's exception on the calling silo with its type and message, so a caller
/// catches the same type whether the grain ran here or elsewhere. Only exception types (from a
/// silo that proved the cluster secret) are ever constructed, and only through their
/// <c>(string message)</c> constructor; anything else becomes <see cref="GrainCallException"/>.
/// </summary>
internal static class RemoteExceptions
{
    public static string Describe(Exception exception) => exception.GetType().AssemblyQualifiedName ?? exception.GetType().FullName!;

    public static Exception Recreate(string? typeName, string message)
    {
        var type = typeName is null ? null : Type.GetType(typeName, throwOnError: false);
        if (type is not null && typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract
            && type.GetConstructor([typeof(string)]) is { } constructor)
        {
            try
            {
                return (Exception)constructor.Invoke([message]);
            }
            catch (System.Reflection.TargetInvocationException)
            {
                // Fall through: the type exists but will not be built from a message alone.
            }
        }

        return new GrainCallException(message, typeName);
    }
}
