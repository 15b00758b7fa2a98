namespace FitFolio.Silo;

/// <summary>
/// Gives a grain interface a stable type name, used in placement, forwarding and stored state.
/// Without it the interface's name is used; set it before renaming an interface.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
