using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Fetching;
using Polly.Timeout;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>
/// Posts one message to a webhook, Teams or Slack channel through the named client <see cref="HttpClientName"/> (the
/// private-network guard of page fetches, Polly retries of 5xx, 429 and network errors with <c>Retry-After</c>
/// honoured). A 2xx answer is accepted; any other final answer (4xx other than 429, a 3xx, a refused private address)
/// is a refusal for good, returned with its reason; a receiver still failing after the retries throws
/// <see cref="ChannelUnavailableException"/>, and a webhook whose <c>secretSetting</c> is unset throws
/// <see cref="ConfigException"/>.
/// </summary>
public sealed partial class ChannelSender
{
    /// <summary>The name of the HTTP client of channel posts.</summary>
    public const string HttpClientName = "newswatch-channels";

    /// <summary>The header with the alert or digest id, the same on every try of one message.</summary>
    public const string IdHeaderName = "X-NewsWatch-Id";

    /// <summary>The header with <c>alert</c> or <c>digest</c>.</summary>
    public const string KindHeaderName = "X-NewsWatch-Kind";

    private readonly IHttpClientFactory _clients;
    private readonly ChannelSecrets _secrets;
    private readonly ILogger<ChannelSender> _logger;
    private readonly TimeProvider _time;

    public ChannelSender(IHttpClientFactory clients, ChannelSecrets secrets, ILogger<ChannelSender> logger, TimeProvider time)
    {
        _clients = clients;
        _secrets = secrets;
        _logger = logger;
        _time = time;
    }

    /// <summary>The exact body posted to <paramref name="channel"/> for <paramref name="content"/>.</summary>
    public static byte[] Body(ChannelType channel, ChannelContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return channel switch
        {
            ChannelType.Webhook => WebhookPayload.Build(content),
            ChannelType.Teams => TeamsCard.Build(content),
            ChannelType.Slack => SlackMessage.Build(content),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Email is not posted."),
        };
    }

    /// <summary>Posts <paramref name="content"/> to <paramref name="channel"/>.</summary>
    public async Task<ChannelSendResult> SendAsync(ChannelSettings channel, ChannelContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(content);
        if (channel.Url is null)
        {
            throw new ConfigException($"The {channel.Type} channel has no url.");
        }

        var body = Body(channel.Type, content);
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(IdHeaderName, content.Id);
        request.Headers.TryAddWithoutValidation(KindHeaderName, content.Kind);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("NewsWatch", "1.0"));
        if (channel.Type == ChannelType.Webhook && channel.SecretSetting is { } setting)
        {
            var secret = _secrets.Get(setting)
                         ?? throw new ConfigException($"The webhook channel's secretSetting names {setting}, which is not set: add the setting (Key Vault in Azure) or remove secretSetting.");
            request.Headers.TryAddWithoutValidation(ChannelSignature.HeaderName, ChannelSignature.Compute(secret, body));
        }

        var client = _clients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (PrivateNetworkRefusedException.Find(ex) is { } refused)
        {
            LogRefused(_logger, content.Id, channel.Type.ToString(), null, refused.Message);
            return new ChannelSendResult(false, null, "refused: " + refused.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ChannelUnavailableException($"The {channel.Type} receiver could not be reached: {ex.Message}", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new ChannelSendResult(true, status, null);
            }

            if (ChannelResilience.IsTransientStatus(response.StatusCode))
            {
                throw new ChannelUnavailableException($"The {channel.Type} receiver answered {status} {response.ReasonPhrase} after the retries.")
                {
                    RetryAfter = FetchResilience.RetryAfter(response, _time),
                };
            }

            var reason = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
            LogRefused(_logger, content.Id, channel.Type.ToString(), status, reason);
            return new ChannelSendResult(false, status, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post of {MessageId} to a {ChannelType} channel refused for good ({StatusCode}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string messageId, string channelType, int? statusCode, string reason);
}
