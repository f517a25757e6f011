using System.Security.Claims;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace NewsWatch.Functions.Tests;

/// <summary>An HTTP request as the worker hands it to an HTTP trigger (the host itself cannot run here).</summary>
internal sealed class TestHttpRequestData(FunctionContext context, string method, Uri url) : HttpRequestData(context)
{
    public override Stream Body { get; } = new MemoryStream();

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = url;

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; } = method;

    public override HttpResponseData CreateResponse() => new TestHttpResponseData(FunctionContext);

    /// <summary>The response the trigger wrote.</summary>
    internal sealed class TestHttpResponseData(FunctionContext context) : HttpResponseData(context)
    {
        public override System.Net.HttpStatusCode StatusCode { get; set; }

        public override HttpHeadersCollection Headers { get; set; } = [];

        public override Stream Body { get; set; } = new MemoryStream();

        public override HttpCookies Cookies => throw new NotSupportedException();

        public string ReadBody()
        {
            Body.Position = 0;
            return new StreamReader(Body).ReadToEnd();
        }
    }
}
