using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NewsWatch.Core.Archive;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.State;
using NewsWatch.Core.Stories;

namespace NewsWatch.Core.Alerts;

/// <summary>
/// Source-generated JSON metadata of every type NewsWatch stores or sends (blobs, queue messages, state records), so
/// that no serialization needs reflection: the <c>newswatch</c> command is published with Native AOT. The naming,
/// converters and null handling come from the options the metadata is used with (<see cref="AlertJson.Options"/>).
/// A type missing here fails at its first use with <see cref="NotSupportedException"/>, in the tests of its store.
/// </summary>
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(AlertMessage))]
[JsonSerializable(typeof(AlertLedgerEntry))]
[JsonSerializable(typeof(ArchivedArticle))]
[JsonSerializable(typeof(ArticleRecord))]
[JsonSerializable(typeof(HttpValidators))]
[JsonSerializable(typeof(SourceHealth))]
[JsonSerializable(typeof(RobotsRecord))]
[JsonSerializable(typeof(ScanRequest))]
[JsonSerializable(typeof(DeliveryRecord))]
[JsonSerializable(typeof(DigestRecord))]
[JsonSerializable(typeof(List<DigestItem>))]
[JsonSerializable(typeof(OptOutStore.OptOut))]
[JsonSerializable(typeof(OptedOutAddress))]
[JsonSerializable(typeof(AlertDeliveryService.StoryFirstSeen))]
[JsonSerializable(typeof(StoryArticleRecord))]
[JsonSerializable(typeof(StoryBucket))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;
