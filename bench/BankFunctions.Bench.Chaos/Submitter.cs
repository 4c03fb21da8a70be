using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Bench.Chaos;

/// <summary>
/// Submits the plan at a steady rate and keeps retrying each submission with its Idempotency-Key until the gateway
/// accepts it — through host kills (connection refused or reset), 5xx, 429 and 409 (an idempotent write still in
/// flight) — as a well-behaved client would. A retry after a lost response must yield the same payment, not a second one.
/// </summary>
public sealed class Submitter(HttpClient client)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);
    private int _accepted;
    private int _retries;

    /// <summary>Payments (batch items included) the gateway has acknowledged so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Attempts that had to be repeated.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>The single payment ids and the batch ids, once all are accepted.</summary>
    public async Task<(List<string> Payments, List<string> Batches)> RunAsync(IReadOnlyList<Submission> plan, double perSecond)
    {
        var watch = Stopwatch.StartNew();
        var tasks = new List<Task<(Submission, string)>>();
        for (var i = 0; i < plan.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed);
            }
            var submission = plan[i];
            tasks.Add(Task.Run(async () => (submission, await SubmitAsync(submission))));
        }
        var done = await Task.WhenAll(tasks);
        return (done.Where(d => !d.Item1.IsBatch).Select(d => d.Item2).ToList(), done.Where(d => d.Item1.IsBatch).Select(d => d.Item2).ToList());
    }

    private async Task<string> SubmitAsync(Submission submission)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, submission.Path) { Content = JsonContent.Create(submission.Body) };
                request.Headers.Add("Idempotency-Key", submission.IdempotencyKey);
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref _accepted, submission.Payments);
                    return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
                }
                if (response.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests) && (int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException($"{submission.Path} refused: {(int)response.StatusCode} {text}");
                }
            }
            catch (HttpRequestException)
            {
                // The host is down or was killed mid-request: the same key is retried below.
            }
            catch (TaskCanceledException)
            {
            }
            if (watch.Elapsed > GiveUpAfter)
            {
                throw new TimeoutException($"{submission.Path} was not accepted within {GiveUpAfter}.");
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(TimeSpan.FromMilliseconds(300 + Random.Shared.Next(400)));
        }
    }
}
