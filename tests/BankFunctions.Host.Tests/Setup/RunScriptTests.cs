using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Setup;

/// <summary>
/// The README's run command as a newcomer uses it: <c>./run.sh</c> brings the stack up, writes the demo keys and
/// ids to <c>demo.env</c> for the examples to <c>source</c>, prints a webhook registration that works when pasted,
/// keeps each run's logs, and stops quietly on Ctrl-C
/// (SIGINT to the whole foreground process group, as a terminal sends it). Run twice against one state folder, on
/// free ports, with the Release build that <c>./test.sh</c> has already made.
/// </summary>
public sealed class RunScriptTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private readonly string _local = Directory.CreateTempSubdirectory("bf-runsh-").FullName;

    [Fact]
    public async Task Run_sh_seeds_demo_env_for_the_readme_examples_stops_quietly_on_ctrl_c_and_keeps_each_runs_logs()
    {
        var first = await RunUntilSeededAsync();
        var env = await ReadDemoEnvAsync();
        foreach (var name in new[] { "BF_URL", "VIEWER_KEY", "SUBMITTER_KEY", "APPROVER_KEY", "ADMIN_KEY", "EUR_ACCOUNT", "CNY_ACCOUNT",
            "DEVIDENTITY_URL", "DEVIDENTITY_CLIENT_SECRET", "SUBMITTER_PASSWORD", "APPROVER_PASSWORD" })
        {
            Assert.False(string.IsNullOrEmpty(env.GetValueOrDefault(name)), $"demo.env lacks {name}");
        }
        await RunReadmeExamplesAsync(env);
        await AssertDevIdentityAnswersAsync(env["DEVIDENTITY_URL"]);
        await AssertDemoPersonSignsInAsync(env, Snapshot(first.Output));
        await RunPrintedWebhookRegistrationAsync(Snapshot(first.Output));
        var firstOutput = await StopWithCtrlCAsync(first);
        Assert.DoesNotContain("A component exited", firstOutput, StringComparison.Ordinal);
        Assert.Contains("Stopping", firstOutput, StringComparison.Ordinal);

        var second = await RunUntilSeededAsync();
        var secondOutput = await StopWithCtrlCAsync(second);
        Assert.DoesNotContain("A component exited", secondOutput, StringComparison.Ordinal);

        var runs = Directory.GetDirectories(Path.Combine(_local, "logs")).Where(d => !d.EndsWith("latest", StringComparison.Ordinal)).ToList();
        Assert.Equal(_starts, runs.Count); // two, and one more for each start retried on other ports
        Assert.All(runs, run => Assert.True(new FileInfo(Path.Combine(run, "host.log")).Length > 0, $"{run}/host.log is empty"));
        var latest = new DirectoryInfo(Path.Combine(_local, "logs", "latest")).ResolveLinkTarget(returnFinalTarget: true);
        Assert.Equal(runs.Max(StringComparer.Ordinal), latest?.FullName);
    }

    [Fact]
    public async Task Run_sh_names_a_port_another_process_holds_and_starts_nothing()
    {
        // What a developer meets when `func start` (also :7071) is still running.
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var ports = FreePorts();
        ports["HOST_URL"] = $"http://127.0.0.1:{port}";

        var (run, output) = await TryRunUntilSeededAsync(ports);

        Assert.Null(run);
        Assert.Contains($"Port {port} (HOST_URL) is in use by another process: stop it, or choose another port with HOST_URL=", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_local, "logs", "latest"), "*.log")); // no component was started
    }

    /// <summary>The README's "Using the API" calls with the variables of demo.env: list, submit, approve, window.</summary>
    private static async Task RunReadmeExamplesAsync(IReadOnlyDictionary<string, string> env)
    {
        using var http = new HttpClient { BaseAddress = new Uri(env["BF_URL"]) };
        using var accounts = await Send(http, HttpMethod.Get, "/v1/accounts", env["VIEWER_KEY"]);
        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);

        using var submit = await Send(http, HttpMethod.Post, "/v1/payments", env["SUBMITTER_KEY"],
            $$"""{"debtorAccountId":"{{env["EUR_ACCOUNT"]}}","amount":{"currency":"EUR","value":"125.00"},"creditor":{"name":"Muster GmbH","iban":"GB82WEST12345698765432","bic":"NWBKGB2L"},"remittanceInformation":"Invoice 42"}""");
        Assert.Equal(HttpStatusCode.Created, submit.StatusCode);
        var paymentId = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var approve = await Send(http, HttpMethod.Post, $"/v1/payments/{paymentId}/approve", env["APPROVER_KEY"]);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        var today = DateTime.UtcNow;
        using var transactions = await Send(http, HttpMethod.Get,
            $"/v1/accounts/{env["EUR_ACCOUNT"]}/transactions?from={today:yyyy-MM-01}&to={today:yyyy-MM-dd}", env["VIEWER_KEY"]);
        Assert.Equal(HttpStatusCode.OK, transactions.StatusCode);
    }

    /// <summary>
    /// The console URL and the demo people run.sh prints, and Sam signing in with the printed password: the host's
    /// redirect to DevIdentity, its form, the callback, the session cookie, and GET /v1/me naming Sam.
    /// </summary>
    private static async Task AssertDemoPersonSignsInAsync(IReadOnlyDictionary<string, string> env, string output)
    {
        var host = env["BF_URL"];
        Assert.Contains($"Treasury console: {host}/console/", output, StringComparison.Ordinal);
        Assert.Contains("submitter@demo.test", output, StringComparison.Ordinal);
        Assert.Contains("approver@demo.test", output, StringComparison.Ordinal);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var start = await http.GetAsync($"{host}/auth/sign-in?returnUrl=%2Fconsole%2F");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var signInCookie = start.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var page = await http.GetStringAsync(start.Headers.Location);
        var fields = System.Text.RegularExpressions.Regex.Matches(page, """<input type="hidden" name="(?<n>[^"]*)" value="(?<v>[^"]*)">""")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["n"].Value), m => WebUtility.HtmlDecode(m.Groups["v"].Value));
        fields["email"] = "submitter@demo.test";
        fields["password"] = env["SUBMITTER_PASSWORD"];
        using var signedIn = await http.PostAsync($"{env["DEVIDENTITY_URL"]}/authorize", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        using var callback = new HttpRequestMessage(HttpMethod.Get, signedIn.Headers.Location);
        callback.Headers.Add("Cookie", signInCookie);
        using var back = await http.SendAsync(callback);
        Assert.Equal("/console/", back.Headers.Location?.OriginalString);
        var session = back.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-bf_session=", StringComparison.Ordinal)).Split(';')[0];
        using var me = new HttpRequestMessage(HttpMethod.Get, $"{host}/v1/me");
        me.Headers.Add("Cookie", session);
        var person = JsonDocument.Parse(await (await http.SendAsync(me)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Sam Submitter", person.GetProperty("displayName").GetString());
        Assert.Equal("demo", person.GetProperty("tenantId").GetString());
    }

    /// <summary>run.sh's OpenID Connect provider publishes its metadata under the URL demo.env gives.</summary>
    private static async Task AssertDevIdentityAnswersAsync(string url)
    {
        using var http = new HttpClient();
        var metadata = JsonDocument.Parse(await http.GetStringAsync($"{url}/.well-known/openid-configuration")).RootElement;
        Assert.Equal(url, metadata.GetProperty("issuer").GetString());
    }

    /// <summary>
    /// The webhook registration line run.sh prints, pasted into bash as is: it registers the loopback receiver on the
    /// demo tenant (run.sh allows loopback, as a development run) and the answer holds the signing secret.
    /// </summary>
    private static async Task RunPrintedWebhookRegistrationAsync(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("curl ", StringComparison.Ordinal) && l.Contains("/v1/webhook-endpoints", StringComparison.Ordinal));
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(line);
        using var process = Process.Start(start)!;
        var answer = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        var endpoint = JsonDocument.Parse(answer).RootElement;
        Assert.True(endpoint.TryGetProperty("secret", out var secret), $"no secret in the answer: {answer}");
        Assert.StartsWith("whsec_", secret.GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", endpoint.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string key, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            request.Headers.Add("Idempotency-Key", "runsh-" + Guid.NewGuid().ToString("N"));
        }
        return http.SendAsync(request);
    }

    /// <summary>Reads demo.env the way the README does: bash sources it and prints the variables it exported.</summary>
    private async Task<Dictionary<string, string>> ReadDemoEnvAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"env -i bash -c 'source \"{Path.Combine(_local, "demo.env")}\" && env -0'");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
    }

    private sealed record RunningScript(Process Process, StringBuilder Output);

    /// <summary>
    /// Starts run.sh on free ports until it has seeded. The ports are picked before run.sh builds, so another test (or
    /// test project) may take one meanwhile: run.sh then refuses it by name (or the component that lost the race exits
    /// with the address in use), and the start is tried again on other ports.
    /// </summary>
    private async Task<RunningScript> RunUntilSeededAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var (run, output) = await TryRunUntilSeededAsync(FreePorts());
            if (run is not null)
            {
                return run;
            }
            if (attempt == 3 || !PortWasTaken(output))
            {
                throw new InvalidOperationException($"run.sh did not finish seeding:\n{output}");
            }
        }
    }

    private static Dictionary<string, string> FreePorts() => new()
    {
        ["HOST_URL"] = $"http://127.0.0.1:{FreePort.Next()}",
        ["BANKSIM_URL"] = $"http://127.0.0.1:{FreePort.Next()}",
        ["DEVIDENTITY_URL"] = $"http://127.0.0.1:{FreePort.Next()}",
        ["AZURITE_BLOB_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AZURITE_QUEUE_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AZURITE_TABLE_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private bool PortWasTaken(string output) =>
        output.Contains("is in use by another process", StringComparison.Ordinal)
        || (output.Contains("exited during start-up", StringComparison.Ordinal)
            && Directory.GetFiles(Path.Combine(_local, "logs", "latest"), "*.log").Any(log =>
                File.ReadAllText(log) is var text && (text.Contains("address already in use", StringComparison.OrdinalIgnoreCase) || text.Contains("EADDRINUSE", StringComparison.Ordinal))));

    private int _starts;

    private async Task<(RunningScript? Run, string Output)> TryRunUntilSeededAsync(IReadOnlyDictionary<string, string> ports)
    {
        _starts++;
        // setsid: the script leads its own process group, like a shell's foreground job, so Ctrl-C can be sent to all.
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(RepoPaths.Combine("run.sh"));
        start.Environment["BF_LOCAL_DIR"] = _local;
        start.Environment["BF_CONFIGURATION"] = "Release";
        foreach (var (name, value) in ports)
        {
            start.Environment[name] = value;
        }
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        var output = new StringBuilder();
        var seeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (e.Data.Contains("Press Ctrl-C to stop", StringComparison.Ordinal))
            {
                seeded.TrySetResult();
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _running.Add(process);

        var finished = await Task.WhenAny(seeded.Task, process.WaitForExitAsync(), Task.Delay(StartTimeout));
        if (finished != seeded.Task)
        {
            if (!process.HasExited)
            {
                Signal("KILL", process.Id);
            }
            return (null, $"(exited: {process.HasExited})\n{Snapshot(output)}");
        }
        return (new RunningScript(process, output), "");
    }

    private static async Task<string> StopWithCtrlCAsync(RunningScript run)
    {
        Signal("INT", run.Process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await run.Process.WaitForExitAsync(timeout.Token);
        var output = Snapshot(run.Output);
        Assert.True(run.Process.ExitCode == 0, $"run.sh exited {run.Process.ExitCode} on Ctrl-C:\n{output}");
        return output;
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static void Signal(string signal, int processGroup)
    {
        using var kill = Process.Start("kill", ["-" + signal, "--", "-" + processGroup.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private readonly List<Process> _running = [];

    public void Dispose()
    {
        foreach (var process in _running)
        {
            if (!process.HasExited)
            {
                Signal("KILL", process.Id);
            }
            process.Dispose();
        }
        try
        {
            Directory.Delete(_local, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still be closing a file; the temp folder is left behind then.
        }
    }
}
