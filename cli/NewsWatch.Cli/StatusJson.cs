using System.Text.Json;
using System.Text.Json.Serialization;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Scanning;

namespace NewsWatch.Cli;

/// <summary>The lines of <c>newswatch status --json</c>, written with the storage contract's options (camelCase, UTC times).</summary>
internal static class StatusJson
{
    private static readonly JsonSerializerOptions Options = new(AlertJson.Options) { TypeInfoResolver = StatusJsonContext.Default };

    public static string Line(SourceStatus s) => JsonSerializer.Serialize(
        new SourceStatusLine(
            s.SourceId,
            s.Url,
            s.Alarm ?? (s.Health is null ? "never scanned" : "ok"),
            s.Health?.LastSuccessAt,
            s.Health?.LastFailureAt,
            s.Health?.ConsecutiveFailures > 0 ? s.Health.LastError : null,
            s.Health?.ConsecutiveFailures ?? 0,
            s.Health?.NextAttemptAt,
            s.Health?.LinksFound,
            s.NewLinksLastDay,
            s.Health?.LastNewLinkAt),
        Options.TypeInfo<SourceStatusLine>());

    public static string OptedOut(IReadOnlyList<OptedOutAddress> optedOut) =>
        JsonSerializer.Serialize(new OptedOutLine(optedOut), Options.TypeInfo<OptedOutLine>());
}

/// <summary>One source's line.</summary>
internal sealed record SourceStatusLine(
    string SourceId,
    string Url,
    string State,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    string? LastError,
    int ConsecutiveFailures,
    DateTimeOffset? NextAttemptAt,
    int? LinksFound,
    int NewLinksLast24h,
    DateTimeOffset? LastNewLinkAt);

/// <summary>The last line: the addresses that unsubscribed.</summary>
internal sealed record OptedOutLine(IReadOnlyList<OptedOutAddress> OptedOut);

/// <summary>Source-generated metadata of the status lines (no reflection: the command is published with Native AOT).</summary>
[JsonSerializable(typeof(SourceStatusLine))]
[JsonSerializable(typeof(OptedOutLine))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
