using System.Text.Json;

namespace NewsWatch.Core.Configuration;

/// <summary>The delivery parts of the config: a subscriber's mode, zone, times, budget and channels, and <c>operators</c>.</summary>
public static partial class NewsWatchConfigReader
{
    private static readonly string[] ChannelFields = ["type", "url", "secretSetting"];

    private static Subscriber ReadDeliverySettings(JsonElement item, string path, Subscriber subscriber, List<string> errors)
    {
        var result = subscriber;
        var mode = ReadString(item, "delivery", path, errors, required: false);
        if (mode is not null)
        {
            DeliveryMode? parsed = mode switch
            {
                "instant" => DeliveryMode.Instant,
                "hourly" => DeliveryMode.Hourly,
                "daily" => DeliveryMode.Daily,
                "weekly" => DeliveryMode.Weekly,
                _ => null,
            };
            if (parsed is null)
            {
                errors.Add($"{path}.delivery: '{mode}' is not a mode: use \"instant\", \"hourly\", \"daily\" or \"weekly\".");
            }
            else
            {
                result = result with { Delivery = parsed.Value };
            }
        }

        var zone = ReadString(item, "timeZone", path, errors, required: false);
        if (zone is not null)
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info) && (zone.Contains('/', StringComparison.Ordinal) || zone is "UTC" or "Etc/UTC"))
            {
                result = result with { TimeZone = info };
            }
            else
            {
                errors.Add($"{path}.timeZone: '{zone}' is not an IANA time zone id (like \"Europe/Berlin\", \"America/New_York\" or \"UTC\").");
            }
        }

        var at = ReadString(item, "at", path, errors, required: false);
        if (at is not null)
        {
            var parsed = DeliveryAt.TryParse(at);
            if (parsed is null)
            {
                errors.Add($"{path}.at: '{at}' is not a time: use \"HH:mm\" (daily, e.g. \"08:00\") or \"Ddd HH:mm\" (weekly, e.g. \"Mon 08:00\").");
            }
            else if (result.Delivery == DeliveryMode.Weekly && parsed.Day is null)
            {
                errors.Add($"{path}.at: weekly digests need a day: \"Mon {parsed}\".");
            }
            else if (result.Delivery == DeliveryMode.Daily && parsed.Day is not null)
            {
                errors.Add($"{path}.at: daily digests take a time only: \"{parsed.Time:HH\\:mm}\" (a day is for \"delivery\": \"weekly\").");
            }
            else if (result.Delivery is DeliveryMode.Instant or DeliveryMode.Hourly)
            {
                errors.Add($"{path}.at: only daily and weekly digests have a time; \"delivery\" is \"{mode ?? "instant"}\".");
            }
            else
            {
                result = result with { At = parsed };
            }
        }

        var quiet = ReadString(item, "quietHours", path, errors, required: false);
        if (quiet is not null)
        {
            var parsed = QuietHours.TryParse(quiet);
            if (parsed is null)
            {
                errors.Add($"{path}.quietHours: '{quiet}' is not a window: use \"HH:mm-HH:mm\", e.g. \"22:00-07:00\" (start and end differ).");
            }
            else
            {
                result = result with { QuietHours = parsed };
            }
        }

        var max = ReadNumber(item, "maxPerHour", path, errors);
        if (max is not null)
        {
            if (max != Math.Floor(max.Value) || max < 1 || max > 1000)
            {
                errors.Add($"{path}.maxPerHour: {max} is out of range: a whole number from 1 to 1000.");
            }
            else
            {
                result = result with { MaxPerHour = (int)max.Value };
            }
        }

        if (item.TryGetProperty("channels", out var channels))
        {
            result = result with { Channels = ReadChannels(channels, path + ".channels", errors) };
        }

        return result;
    }

    private static List<ChannelSettings> ReadChannels(JsonElement channels, string path, List<string> errors)
    {
        var result = new List<ChannelSettings>();
        if (channels.ValueKind != JsonValueKind.Array || channels.GetArrayLength() == 0)
        {
            errors.Add($"{path}: must be a non-empty array of {{\"type\": \"email\" | \"webhook\" | \"teams\" | \"slack\", \"url\"?, \"secretSetting\"?}}.");
            return [ChannelSettings.Email];
        }

        var i = 0;
        foreach (var item in channels.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{at}: must be an object {{\"type\", \"url\"?, \"secretSetting\"?}}.");
                continue;
            }

            CheckFields(item, at, ChannelFields, errors);
            var type = ReadString(item, "type", at, errors, required: true);
            ChannelType? kind = type switch
            {
                "email" => ChannelType.Email,
                "webhook" => ChannelType.Webhook,
                "teams" => ChannelType.Teams,
                "slack" => ChannelType.Slack,
                null => null,
                _ => null,
            };
            if (type is not null && kind is null)
            {
                errors.Add($"{at}.type: '{type}' is not a channel: use \"email\", \"webhook\", \"teams\" or \"slack\".");
                continue;
            }

            if (kind is null)
            {
                continue;
            }

            var url = ReadString(item, "url", at, errors, required: kind != ChannelType.Email);
            var secret = ReadString(item, "secretSetting", at, errors, required: false);
            Uri? uri = null;
            if (kind == ChannelType.Email)
            {
                if (url is not null || secret is not null)
                {
                    errors.Add($"{at}: an email channel takes no \"url\" or \"secretSetting\" (it goes to the subscriber's \"email\").");
                }
            }
            else if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out uri) && uri.Scheme is "https" or "http"))
            {
                errors.Add($"{at}.url: '{url}' is not an http(s) URL.");
                uri = null;
            }

            if (secret is not null && kind != ChannelType.Webhook)
            {
                errors.Add($"{at}.secretSetting: only a webhook channel is signed.");
            }
            else if (secret is not null && (secret.Length == 0 || secret.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_'))))
            {
                errors.Add($"{at}.secretSetting: '{secret}' must be a setting name (letters, digits, _), like \"NEWSWATCH_WEBHOOK_SECRET\".");
                secret = null;
            }

            if (kind == ChannelType.Email || uri is not null)
            {
                var channel = new ChannelSettings(kind.Value, uri, secret);
                if (result.Any(c => c.LedgerKey == channel.LedgerKey))
                {
                    errors.Add($"{at}: the same channel is listed twice.");
                }
                else
                {
                    result.Add(channel);
                }
            }
        }

        return result;
    }

    private static List<string> ReadOperators(JsonElement root, List<string> errors)
    {
        var result = new List<string>();
        if (!root.TryGetProperty("operators", out var operators))
        {
            return result;
        }

        if (operators.ValueKind != JsonValueKind.Array)
        {
            errors.Add("operators: must be an array of email addresses, e.g. [\"ops@example.org\"].");
            return result;
        }

        var i = 0;
        foreach (var item in operators.EnumerateArray())
        {
            var value = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (value is null || !IsEmail(value))
            {
                errors.Add($"operators[{i}]: {(value is null ? "must be a string" : $"'{value}' is not an email address")}.");
            }
            else if (!result.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                result.Add(value.Trim());
            }

            i++;
        }

        return result;
    }
}
