using System.Net.Http.Headers;
using System.Text;
using Health.Core.Storage.Entities;

namespace Health.Core.Reports.Delivery;

/// <summary>
/// POSTs a report's JSON to its webhook. Any answer but 2xx is a failure (redirects are not followed). Errors name the
/// host only: an incoming-webhook URL carries its secret in the path.
/// </summary>
public sealed class WebhookReportSender(IHttpClientFactory clients)
{
    /// <summary>The named <see cref="HttpClient"/>: its timeout is <c>Reports:WebhookTimeout</c>, and it logs no URL.</summary>
    public const string ClientName = "Health.Reports.Webhook";

    public async Task SendAsync(ReportRun run, ReportDelivery delivery, CancellationToken ct)
    {
        var where = WebhookUrls.Masked(delivery.Destination);
        using var client = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Destination)
        {
            Content = new StringContent(run.WebhookJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Health", "1.0"));

        // The same key on a repeated attempt, for receivers that recognise duplicates.
        request.Headers.Add("Idempotency-Key", $"health-report-{run.Id}-{delivery.Id}");
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, ct);
        }
        catch (HttpRequestException e) when (e.InnerException is PrivateAddressException)
        {
            throw new WebhookException($"The webhook at {where} was {PrivateAddresses.Refusal} (Reports:AllowPrivateWebhooks is off).", e);
        }
        catch (HttpRequestException e)
        {
            throw new WebhookException($"The webhook at {where} could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new WebhookException($"The webhook at {where} did not answer within {client.Timeout}.", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new WebhookException($"The webhook at {where} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
        }
    }
}

/// <summary>A webhook that could not be reached or did not accept the report.</summary>
public sealed class WebhookException(string message, Exception? inner = null) : Exception(message, inner);
