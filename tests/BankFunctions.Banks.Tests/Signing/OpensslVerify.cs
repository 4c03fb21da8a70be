using System.Formats.Asn1;
using System.Numerics;
using BankFunctions.TestSupport;

namespace BankFunctions.Banks.Tests.Signing;

/// <summary>Verifies our signatures with openssl 3, an implementation independent of .NET and BouncyCastle.</summary>
public static class OpensslVerify
{
    public static Openssl.Result Rsa(string publicKeyPem, byte[] data, byte[] signature, bool pss)
    {
        using var pub = new Openssl.TempFile(publicKeyPem, ".pem");
        using var sig = new Openssl.TempFile(signature);
        using var msg = new Openssl.TempFile(data);
        var args = new List<string> { "dgst", "-sha256", "-verify", pub.Path, "-signature", sig.Path };
        if (pss)
        {
            // JWA PS256: MGF1-SHA256, salt length = digest length.
            args.AddRange(["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-sigopt", "rsa_mgf1_md:sha256"]);
        }
        args.Add(msg.Path);
        return Openssl.Run(args);
    }

    public static Openssl.Result Es256(string publicKeyPem, byte[] data, byte[] rawSignature)
    {
        using var pub = new Openssl.TempFile(publicKeyPem, ".pem");
        using var sig = new Openssl.TempFile(DerFromRaw(rawSignature));
        using var msg = new Openssl.TempFile(data);
        return Openssl.Run(["dgst", "-sha256", "-verify", pub.Path, "-signature", sig.Path, msg.Path]);
    }

    public static Openssl.Result Sm2(string publicKeyPem, byte[] data, byte[] rawSignature, string userId)
    {
        using var pub = new Openssl.TempFile(publicKeyPem, ".pem");
        using var sig = new Openssl.TempFile(DerFromRaw(rawSignature));
        using var msg = new Openssl.TempFile(data);
        return Openssl.Run(["pkeyutl", "-verify", "-in", msg.Path, "-rawin", "-digest", "sm3", "-pubin", "-inkey", pub.Path,
            "-sigfile", sig.Path, "-pkeyopt", "distid:" + userId]);
    }

    /// <summary>r‖s (two equal halves) → DER SEQUENCE { INTEGER r, INTEGER s }, which openssl expects.</summary>
    public static byte[] DerFromRaw(byte[] raw)
    {
        var half = raw.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(raw.AsSpan(0, half), isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(raw.AsSpan(half), isUnsigned: true, isBigEndian: true));
        }
        return writer.Encode();
    }
}
