using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Http;

/// <summary>Reads a request body up to a limit, refusing (413) as soon as it is exceeded rather than buffering it all.</summary>
public static class BodyReader
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new ProblemException(Problem.TooLarge(maxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new ProblemException(Problem.TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
