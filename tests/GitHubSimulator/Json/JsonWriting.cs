using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace GitHubSimulator;

/// <summary>Small helpers over <see cref="Utf8JsonWriter"/>: GitHub timestamps, URLs built in UTF-8, node ids, fake SHAs.</summary>
internal static class JsonWriting
{
    /// <summary>Compact output that, like GitHub, leaves non-ASCII and HTML characters unescaped.</summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static void WriteTime(this Utf8JsonWriter w, ReadOnlySpan<byte> name, DateTime time)
    {
        Span<byte> text = stackalloc byte[40];
        w.WriteString(name, text[..TimeFormat.Format(time, text)]);
    }

    public static void WriteTime(this Utf8JsonWriter w, ReadOnlySpan<byte> name, DateTime? time)
    {
        if (time is { } value)
        {
            w.WriteTime(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes a string property composed in UTF-8 in <paramref name="scratch"/>: <c>w.WriteUtf8("url"u8, s, $"{a}/b/{n}")</c>.</summary>
    public static void WriteUtf8(
        this Utf8JsonWriter w,
        ReadOnlySpan<byte> name,
        Span<byte> scratch,
        [InterpolatedStringHandlerArgument(nameof(scratch))] ref Utf8.TryWriteInterpolatedStringHandler value)
    {
        if (!Utf8.TryWrite(scratch, ref value, out int written))
        {
            throw new InvalidOperationException("URL longer than the scratch buffer.");
        }

        w.WriteString(name, scratch[..written]);
    }

    /// <summary>Writes <c>{"href": ...}</c> under <paramref name="name"/>.</summary>
    public static void WriteHref(
        this Utf8JsonWriter w,
        ReadOnlySpan<byte> name,
        Span<byte> scratch,
        [InterpolatedStringHandlerArgument(nameof(scratch))] ref Utf8.TryWriteInterpolatedStringHandler value)
    {
        if (!Utf8.TryWrite(scratch, ref value, out int written))
        {
            throw new InvalidOperationException("URL longer than the scratch buffer.");
        }

        w.WriteStartObject(name);
        w.WriteString("href"u8, scratch[..written]);
        w.WriteEndObject();
    }

    /// <summary>GitHub's legacy global node id: base64 of <c>0{length of type}:{type}{id}</c>, e.g. MDQ6VXNlcjE= for User 1.</summary>
    public static void WriteNodeId(this Utf8JsonWriter w, string type, long id)
    {
        Span<byte> raw = stackalloc byte[64];
        Utf8.TryWrite(raw, $"0{type.Length}:{type}{id}", out int length);
        Span<byte> encoded = stackalloc byte[96];
        Base64.EncodeToUtf8(raw[..length], encoded, out _, out int written);
        w.WriteString("node_id"u8, encoded[..written]);
    }

    /// <summary>Writes a deterministic fake commit SHA (40 hex digits).</summary>
    public static void WriteSha(this Utf8JsonWriter w, ReadOnlySpan<byte> name, long seed, int salt)
    {
        Span<byte> hex = stackalloc byte[48];
        w.WriteString(name, Sha(hex, seed, salt));
    }

    /// <summary>Fills <paramref name="buffer"/> (40 bytes at least) and returns the 40-hex-digit fake SHA in it.</summary>
    public static Span<byte> Sha(Span<byte> buffer, long seed, int salt)
    {
        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        ulong state = ((ulong)seed * 0x9E3779B97F4A7C15UL) ^ (ulong)salt;
        int pos = 0;
        for (int i = 0; i < 3; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            for (int nibble = 0; nibble < 16 && pos < 40; nibble++, z >>= 4)
            {
                buffer[pos++] = digits[(int)(z & 0xF)];
            }
        }

        return buffer[..40];
    }

    /// <summary>The reactions summary object with every count zero.</summary>
    public static void WriteReactions(this Utf8JsonWriter w, Span<byte> scratch, string url)
    {
        w.WriteStartObject("reactions"u8);
        w.WriteUtf8("url"u8, scratch, $"{url}/reactions");
        w.WriteNumber("total_count"u8, 0);
        w.WriteNumber("+1"u8, 0);
        w.WriteNumber("-1"u8, 0);
        w.WriteNumber("laugh"u8, 0);
        w.WriteNumber("hooray"u8, 0);
        w.WriteNumber("confused"u8, 0);
        w.WriteNumber("heart"u8, 0);
        w.WriteNumber("rocket"u8, 0);
        w.WriteNumber("eyes"u8, 0);
        w.WriteEndObject();
    }
}
