namespace FitFolio.Silo;

/// <summary>
/// Marks a grain interface. A grain is addressed by its interface and a string key; it exists
/// logically always, and the runtime activates it wherever placement says on first call.
/// Methods must return <see cref="Task"/>, <see cref="Task{TResult}"/>, <see cref="ValueTask"/>
/// or <see cref="ValueTask{TResult}"/>; arguments and results must be JSON-serializable because a
/// call may cross silos.
/// </summary>
#pragma warning disable CA1040 // A marker interface is the point: it is how the runtime finds grain interfaces.
public interface IGrainWithStringKey;
#pragma warning restore CA1040
