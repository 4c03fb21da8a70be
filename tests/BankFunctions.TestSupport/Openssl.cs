using System.Diagnostics;

namespace BankFunctions.TestSupport;

/// <summary>
/// Runs the system's openssl 3 as an independent implementation to check our cryptography against
/// (signatures, SM2/SM3/SM4, digests). test.sh installs it when missing.
/// </summary>
public static class Openssl
{
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr)
    {
        public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);
    }

    public static Result Run(IEnumerable<string> args, byte[]? stdin = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("openssl could not be started");
        var stdoutTask = Task.Run(async () =>
        {
            using var ms = new MemoryStream();
            await p.StandardOutput.BaseStream.CopyToAsync(ms);
            return ms.ToArray();
        });
        var stderrTask = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.BaseStream.Write(stdin);
        }
        p.StandardInput.Close();
        if (!p.WaitForExit((int)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds))
        {
            p.Kill(true);
            throw new TimeoutException("openssl " + string.Join(' ', args));
        }
        return new Result(p.ExitCode, stdoutTask.Result, stderrTask.Result);
    }

    /// <summary>Runs openssl and throws with its stderr when it fails.</summary>
    public static byte[] Checked(IEnumerable<string> args, byte[]? stdin = null)
    {
        var r = Run(args, stdin);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed ({r.ExitCode}): {r.Stderr}");
        }
        return r.Stdout;
    }

    /// <summary>A temp file that deletes itself.</summary>
    public sealed class TempFile : IDisposable
    {
        public TempFile(byte[] content, string extension = ".bin")
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bf-" + Guid.NewGuid().ToString("N") + extension);
            File.WriteAllBytes(Path, content);
        }

        public TempFile(string content, string extension = ".txt") : this(System.Text.Encoding.UTF8.GetBytes(content), extension)
        {
        }

        public string Path { get; }

        public void Dispose()
        {
            try { File.Delete(Path); } catch (IOException) { }
        }
    }
}
