using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Health.Core.Export;

/// <summary>
/// The one CSV dialect of every export: RFC 4180 quoting, UTF-8 without BOM, <c>\n</c> line ends, invariant culture,
/// and cells a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) neutralised with a leading quote.
/// </summary>
public static class CsvFormat
{
    public static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\n",
        InjectionOptions = InjectionOptions.Escape,
        HasHeaderRecord = true,
    };

    public static CsvWriter CreateWriter(TextWriter writer) => new(writer, Configuration, leaveOpen: true);

    /// <summary>A writer for <paramref name="stream"/> in UTF-8 without a byte-order mark.</summary>
    public static StreamWriter Utf8(Stream stream) => new(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };

    /// <summary>
    /// Writes <paramref name="header"/>, then each row's cells, flushing as it goes, asynchronously (an HTTP response allows no
    /// synchronous writes): the period exports' one loop.
    /// </summary>
    public static async Task WriteRowsAsync<T>(TextWriter writer, IReadOnlyList<string> header, IEnumerable<T> rows, Func<T, IEnumerable<string>> cells, CancellationToken ct)
    {
        await using var csv = CreateWriter(writer);
        WriteRow(csv, header);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            WriteRow(csv, cells(row));
            await csv.FlushAsync();
        }

        await csv.FlushAsync();
    }

    /// <summary>Writes one record of already formatted cells.</summary>
    public static void WriteRow(CsvWriter csv, IEnumerable<string> cells)
    {
        foreach (var cell in cells)
        {
            csv.WriteField(cell);
        }

        csv.NextRecord();
    }
}
