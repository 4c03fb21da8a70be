using Xunit;

namespace DevIdentity.Tests;

/// <summary>The key file keeps tokens verifiable across restarts of ./run.sh, and only its owner can read it.</summary>
public sealed class SigningKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("devidentity-key-").FullName;

    [Fact]
    public void Key_file_is_created_once_and_reused()
    {
        var path = Path.Combine(_directory, "nested", "key.pem");
        using var first = SigningKey.LoadOrCreate(path);
        using var second = SigningKey.LoadOrCreate(path);
        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(first.Modulus, second.Modulus);
        Assert.Equal(2048, Convert.FromBase64String(Base64(first.Modulus)).Length * 8);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Without_a_key_path_each_start_has_a_new_key()
    {
        using var first = SigningKey.LoadOrCreate(null);
        using var second = SigningKey.LoadOrCreate(null);
        Assert.NotEqual(first.KeyId, second.KeyId);
    }

    private static string Base64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
