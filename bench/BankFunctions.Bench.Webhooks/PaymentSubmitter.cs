using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Bench.Common;

namespace BankFunctions.Bench.Webhooks;

/// <summary>
/// Submits payments at a steady rate through POST /v1/payments, alternating the bench tenant's EUR (ISO bank) and CNY
/// (CMB-style bank) accounts; the bench tenant needs no approval, so each goes straight on to the bank. A submission
/// that fails in transit, with a 5xx or a 429 is sent again with its Idempotency-Key (after Retry-After), as a client would.
/// </summary>
public sealed class PaymentSubmitter(BenchTenant tenant)
{
    private const int Attempts = 10;
    private int _accepted;

    /// <summary>Payments accepted so far (201).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public async Task<IReadOnlyList<string>> RunAsync(int count, double perSecond, int firstNumber)
    {
        var watch = Stopwatch.StartNew();
        var tasks = new List<Task<string>>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed);
            }
            var n = firstNumber + i;
            tasks.Add(SubmitAsync(n % 2 == 0 ? BenchPayments.Eur(tenant.EurAccount, n) : BenchPayments.Cny(tenant.CnyAccount, n)));
        }
        return await Task.WhenAll(tasks);
    }

    private async Task<string> SubmitAsync(object body)
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await tenant.Submitter.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref _accepted);
                    return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
                }
                if (attempt >= Attempts || (int)response.StatusCode is < 500 and not 429)
                {
                    throw new InvalidOperationException($"POST /v1/payments answered {(int)response.StatusCode}: {text}");
                }
                if (response.Headers.RetryAfter?.Delta is { } retryAfter)
                {
                    await Task.Delay(retryAfter);
                    continue;
                }
            }
            catch (HttpRequestException) when (attempt < Attempts)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
        }
    }
}
