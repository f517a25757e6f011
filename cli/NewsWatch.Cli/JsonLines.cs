using System.Text.Encodings.Web;
using System.Text.Json;

namespace NewsWatch.Cli;

/// <summary>Writes one JSON object per line to stdout, readable (non-ASCII kept as is).</summary>
internal static class JsonLines
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static void Write(Stream stdout, Action<Utf8JsonWriter> body)
    {
        using (var writer = new Utf8JsonWriter(stdout, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }
}
