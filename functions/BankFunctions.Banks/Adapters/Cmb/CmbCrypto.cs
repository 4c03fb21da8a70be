using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>SM4-CBC/PKCS#7 and the UID-derived IV and SM2 user id of the CMB protocol (BANKS.md §B).</summary>
public static class CmbCrypto
{
    /// <summary>SM2 user id: first 16 bytes of UID + "0000000000000000".</summary>
    public static byte[] UserId(string uid) => First16(uid + "0000000000000000");

    /// <summary>
    /// SM4 IV: first 16 bytes of UID + "000000". CMB UIDs are 10 characters, which makes exactly 16; a shorter UID
    /// is right-padded with '0' to 16 bytes (our choice; the bank documents only 10-character UIDs).
    /// </summary>
    public static byte[] Iv(string uid) => First16((uid + "000000").PadRight(16, '0'));

    public static byte[] Sm4Encrypt(byte[] key, byte[] iv, byte[] plain) => Sm4(true, key, iv, plain);

    /// <exception cref="InvalidCipherTextException">Wrong key or corrupted data (bad padding).</exception>
    public static byte[] Sm4Decrypt(byte[] key, byte[] iv, byte[] cipher) => Sm4(false, key, iv, cipher);

    private static byte[] Sm4(bool encrypt, byte[] key, byte[] iv, byte[] input)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("SM4 key must be 16 bytes.", nameof(key));
        }
        var cipher = CipherUtilities.GetCipher("SM4/CBC/PKCS7Padding");
        cipher.Init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        return cipher.DoFinal(input);
    }

    private static byte[] First16(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return bytes.AsSpan(0, 16).ToArray();
    }
}
