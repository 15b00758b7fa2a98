using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace FitFolio.Silo.Invocation;

/// <summary>
/// A grain method returning <typeparamref name="TResult"/> (methods returning Task or ValueTask use
/// <see cref="object"/> and a null result). Invocation is a compiled delegate, not reflection.
/// </summary>
internal sealed class GrainMethod<TResult> : GrainMethod
{
    private readonly Func<object, object?[], Task<TResult>> _invoke;
    private readonly ReturnShape _shape;

    public GrainMethod(GrainInterface owner, MethodInfo method, ReturnShape shape)
        : base(owner, method)
    {
        _shape = shape;
        _invoke = Compile(method, shape);
    }

    public Task<TResult> Invoke(object grain, object?[] arguments)
    {
        try
        {
            return _invoke(grain, arguments);
        }
        catch (Exception exception)
        {
            // A grain method that throws before its first await still fails only its own call.
            return Task.FromException<TResult>(exception);
        }
    }

    public override object Call(SiloRuntime runtime, GrainId grainId, object?[] arguments) =>
        Shape(runtime.InvokeAsync(grainId, this, arguments));

    public override async Task WriteResultAsync(SiloRuntime runtime, GrainId grainId, object?[] arguments, Utf8JsonWriter writer)
    {
        var result = await runtime.InvokeLocalAsync(grainId, this, arguments);
        JsonSerializer.Serialize(writer, result, runtime.JsonOptions);
    }

    private object Shape(Task<TResult> task) => _shape switch
    {
        ReturnShape.Task or ReturnShape.TaskOfT => task,
        ReturnShape.ValueTask => new ValueTask(task),
        _ => new ValueTask<TResult>(task),
    };

    private static Func<object, object?[], Task<TResult>> Compile(MethodInfo method, ReturnShape shape)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters();
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType)));

        Expression body = shape switch
        {
            ReturnShape.TaskOfT => call,
            ReturnShape.ValueTaskOfT => Expression.Call(call, typeof(ValueTask<TResult>).GetMethod(nameof(ValueTask<TResult>.AsTask))!),
            ReturnShape.Task => Expression.Call(typeof(GrainMethod<TResult>).GetMethod(nameof(FromTask), BindingFlags.NonPublic | BindingFlags.Static)!, call),
            _ => Expression.Call(typeof(GrainMethod<TResult>).GetMethod(nameof(FromValueTask), BindingFlags.NonPublic | BindingFlags.Static)!, call),
        };

        return Expression.Lambda<Func<object, object?[], Task<TResult>>>(body, grain, arguments).Compile();
    }

    // Completed tasks of default(TResult) are cached by the runtime, so the synchronous path does not allocate.
    private static async Task<TResult> FromTask(Task task)
    {
        await task;
        return default!;
    }

    private static async Task<TResult> FromValueTask(ValueTask task)
    {
        await task;
        return default!;
    }
}
