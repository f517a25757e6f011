using Microsoft.Azure.Functions.Worker;

namespace NewsWatch.Functions.Tests;

/// <summary>The little of a <see cref="FunctionContext"/> the triggers read: the binding data (e.g. the queue's DequeueCount).</summary>
internal sealed class TestFunctionContext : FunctionContext
{
    public TestFunctionContext(IServiceProvider services, IReadOnlyDictionary<string, object?> bindingData)
    {
        InstanceServices = services;
        BindingContext = new TestBindingContext(bindingData);
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => "test";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext { get; }

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    /// <summary>
    /// A context for a queue message received <paramref name="dequeueCount"/> times (sent as a string, as the host does),
    /// with the message's <c>Id</c> when <paramref name="messageId"/> is given (JSON-quoted, as the host sends it).
    /// </summary>
    public static TestFunctionContext ForQueue(IServiceProvider services, long dequeueCount, string? messageId = null)
    {
        var data = new Dictionary<string, object?> { ["DequeueCount"] = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (messageId is not null)
        {
            data["Id"] = "\"" + messageId + "\"";
        }

        return new(services, data);
    }

    private sealed class TestBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }
}
