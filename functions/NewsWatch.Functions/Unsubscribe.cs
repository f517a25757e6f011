using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using NewsWatch.Core.Delivery;

namespace NewsWatch.Functions;

/// <summary>
/// <c>GET|POST /api/unsubscribe?token=...</c>: the one-click unsubscribe of RFC 8058 that every email's
/// <c>List-Unsubscribe</c> header points at. GET shows a confirmation page and changes nothing; POST opts out.
/// </summary>
public sealed class Unsubscribe
{
    private readonly UnsubscribeHandler _handler;

    public Unsubscribe(UnsubscribeHandler handler) => _handler = handler;

    [Function(nameof(Unsubscribe))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = UnsubscribeTokens.Route)] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var isPost = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
        var result = await _handler.HandleAsync(isPost, request.Query["token"], cancellationToken).ConfigureAwait(false);
        var response = request.CreateResponse((HttpStatusCode)result.StatusCode);
        response.Headers.Add("Content-Type", "text/html; charset=utf-8");
        response.Headers.Add("Cache-Control", "no-store");
        response.Headers.Add("X-Content-Type-Options", "nosniff");
        await response.WriteStringAsync(result.Html, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
