namespace Satama.Cli.Hosting;

/// <summary>
/// Turns the expected ways a master or agent fails to start (port taken, data dir not writable,
/// bad certificate files) into one line naming what was being started.
/// </summary>
internal static class StartFailure
{
    public static async Task<T> GuardAsync<T>(string what, Func<Task<T>> start)
    {
        try
        {
            return await start();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException($"cannot start {what}: {e.GetBaseException().Message.Split('\n')[0].TrimEnd('.')}");
        }
    }
}
