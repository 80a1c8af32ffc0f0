using System.Text;
using Health.Core.Storage.Entities;
using MimeKit;

namespace Health.Core.Reports.Delivery;

/// <summary>A report as an email: an HTML part with a plain-text alternative, and the period's metrics CSV attached.</summary>
public static class ReportEmail
{
    /// <param name="messageId">Stable per run and destination, so a receiver can recognise a message it already has.</param>
    public static MimeMessage Create(ReportRun run, MailboxAddress from, IEnumerable<string> recipients, string messageId)
    {
        var message = new MimeMessage { Subject = run.Subject, MessageId = messageId, Date = new DateTimeOffset(run.GeneratedAt, TimeSpan.Zero) };
        message.From.Add(from);
        message.To.AddRange(recipients.Select(MailboxAddress.Parse));
        var body = new BodyBuilder { TextBody = run.Text, HtmlBody = run.Html };

        // Base64, so the CSV arrives byte for byte as METRICS.md writes it (\n line ends), not re-canonicalised as MIME text.
        body.Attachments.Add(new MimePart(new ContentType("text", "csv") { Charset = "utf-8" })
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(run.Csv))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = CsvFileName(run),
        });
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>e.g. <c>metrics-week-2026-10-19.csv</c>.</summary>
    public static string CsvFileName(ReportRun run) => ArchiveFiles.Name(run, "metrics", "csv");
}
