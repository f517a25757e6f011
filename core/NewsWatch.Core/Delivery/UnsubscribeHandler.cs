using Microsoft.Extensions.Logging;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// The one-click unsubscribe endpoint (RFC 8058). GET answers a confirmation page with a button and changes nothing
/// (link scanners prefetch GETs); POST (the mail client's one-click, or the button) opts the token's address out of
/// every email. A forged, altered or missing token gets 400 and changes nothing.
/// </summary>
public sealed partial class UnsubscribeHandler
{
    private readonly UnsubscribeTokens _tokens;
    private readonly OptOutStore _optOuts;
    private readonly ILogger<UnsubscribeHandler> _logger;

    public UnsubscribeHandler(UnsubscribeTokens tokens, OptOutStore optOuts, ILogger<UnsubscribeHandler> logger)
    {
        _tokens = tokens;
        _optOuts = optOuts;
        _logger = logger;
    }

    /// <summary>Handles one request: <paramref name="isPost"/> true for POST, false for GET; <paramref name="token"/> from the query string.</summary>
    public async Task<UnsubscribeResponse> HandleAsync(bool isPost, string? token, CancellationToken cancellationToken)
    {
        var address = _tokens.Validate(token);
        if (address is null)
        {
            LogRefused(_logger, isPost ? "POST" : "GET");
            return new UnsubscribeResponse(400, Page("This unsubscribe link is not valid", "<p>The link is incomplete or was altered. Use the link from a recent NewsWatch email.</p>"));
        }

        if (!isPost)
        {
            return new UnsubscribeResponse(200, Page(
                "Unsubscribe from NewsWatch?",
                $"<p>Stop every NewsWatch email to <strong>{MailText.Escape(address)}</strong>?</p>\n" +
                $"<form method=\"post\" action=\"?token={MailText.Escape(Uri.EscapeDataString(token!))}\"><button type=\"submit\">Unsubscribe</button></form>"));
        }

        await _optOuts.OptOutAsync(address, cancellationToken).ConfigureAwait(false);
        LogOptedOut(_logger);
        return new UnsubscribeResponse(200, Page("Unsubscribed", $"<p><strong>{MailText.Escape(address)}</strong> gets no more NewsWatch emails.</p>"));
    }

    private static string Page(string title, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<meta name=\"robots\" content=\"noindex\"><title>{MailText.Escape(title)}</title></head>\n" +
        $"<body style=\"font-family: sans-serif; max-width: 36em; margin: 2em auto; padding: 0 1em; overflow-wrap: anywhere\">\n<h1>{MailText.Escape(title)}</h1>\n{body}\n</body></html>\n";

    // The address is personal data: it is not logged.
    [LoggerMessage(Level = LogLevel.Information, Message = "Unsubscribe: an address opted out of every email")]
    private static partial void LogOptedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribe: {Method} with a forged, altered or missing token refused")]
    private static partial void LogRefused(ILogger logger, string method);
}
