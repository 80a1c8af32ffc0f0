using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;

namespace GitHubSimulator;

/// <summary>
/// Writes a GraphQL answer as GitHub does: <c>data</c> (when the query ran) then <c>errors</c> (when there are any).
/// BigInt values are JSON strings, DateTime values <c>2024-01-02T03:04:05Z</c>, enums their names.
/// </summary>
internal static class GraphQLResponseWriter
{
    /// <summary>An answer of errors only (no <c>data</c> key): the query did not run.</summary>
    public static PooledBuffer Errors(IReadOnlyList<GraphQLErrorInfo> errors) => Write(w => WriteErrors(w, errors));

    /// <summary>An answer with <c>data</c> (null when <paramref name="data"/> is) and the errors, if any.</summary>
    public static PooledBuffer Data(ExecutionNode? data, IReadOnlyList<GraphQLErrorInfo> errors, int sizeHint) => Write(w =>
    {
        w.WritePropertyName("data"u8);
        if (data is null)
        {
            w.WriteNullValue();
        }
        else
        {
            WriteNode(w, data);
        }

        if (errors.Count > 0)
        {
            WriteErrors(w, errors);
        }
    }, sizeHint);

    /// <summary>The execution's errors in GitHub's shape (a <see cref="GitHubError"/> keeps its <c>type</c>).</summary>
    public static List<GraphQLErrorInfo> FromExecution(IEnumerable<ExecutionError>? errors) =>
        errors?.Select(e => new GraphQLErrorInfo(e.Message)
        {
            Type = (e as GitHubError)?.Type,
            Path = e.Path?.ToArray(),
            Locations = e.Locations?.ToArray(),
        }).ToList() ?? [];

    private static PooledBuffer Write(Action<Utf8JsonWriter> body, int sizeHint = 512)
    {
        var buffer = new PooledBuffer(sizeHint);
        using var w = new Utf8JsonWriter(buffer, JsonWriting.Options);
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
        w.Flush();
        return buffer;
    }

    private static void WriteNode(Utf8JsonWriter w, ExecutionNode node)
    {
        switch (node)
        {
            case ObjectExecutionNode obj when obj.SubFields is { } fields:
                w.WriteStartObject();
                foreach (ExecutionNode field in fields)
                {
                    w.WritePropertyName(field.Name!);
                    WriteNode(w, field);
                }

                w.WriteEndObject();
                break;
            case ArrayExecutionNode array when array.Items is { } items:
                w.WriteStartArray();
                foreach (ExecutionNode item in items)
                {
                    WriteNode(w, item);
                }

                w.WriteEndArray();
                break;
            case ObjectExecutionNode or ArrayExecutionNode or NullExecutionNode:
                w.WriteNullValue();
                break;
            default:
                WriteValue(w, node.ToValue());
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case long l:
                w.WriteNumberValue(l);
                break;
            case double d:
                w.WriteNumberValue(d);
                break;
            case decimal m:
                w.WriteNumberValue(m);
                break;
            case BigInteger big:
                w.WriteStringValue(big.ToString(CultureInfo.InvariantCulture));
                break;
            case DateTime time:
                Span<byte> text = stackalloc byte[40];
                w.WriteStringValue(text[..TimeFormat.Format(TimeFormat.TruncateToSeconds(time), text)]);
                break;
            case DateTimeOffset offset:
                WriteValue(w, offset.UtcDateTime);
                break;
            case IDictionary<string, object?> map:
                w.WriteStartObject();
                foreach (KeyValuePair<string, object?> pair in map)
                {
                    w.WritePropertyName(pair.Key);
                    WriteValue(w, pair.Value);
                }

                w.WriteEndObject();
                break;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (object? item in list)
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteErrors(Utf8JsonWriter w, IReadOnlyList<GraphQLErrorInfo> errors)
    {
        w.WriteStartArray("errors"u8);
        foreach (GraphQLErrorInfo error in errors)
        {
            w.WriteStartObject();
            if (error.Type is not null)
            {
                w.WriteString("type"u8, error.Type);
            }

            if (error.Code is not null)
            {
                w.WriteString("code"u8, error.Code);
            }

            if (error.Path is { } path)
            {
                w.WritePropertyName("path"u8);
                WriteValue(w, path);
            }

            if (error.Extensions is { } extensions)
            {
                w.WriteStartObject("extensions"u8);
                foreach (KeyValuePair<string, object?> pair in extensions)
                {
                    w.WritePropertyName(pair.Key);
                    WriteValue(w, pair.Value);
                }

                w.WriteEndObject();
            }

            if (error.Locations is { Count: > 0 } locations)
            {
                w.WriteStartArray("locations"u8);
                foreach (GraphQLParser.Location location in locations)
                {
                    w.WriteStartObject();
                    w.WriteNumber("line"u8, location.Line);
                    w.WriteNumber("column"u8, location.Column);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteString("message"u8, error.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
