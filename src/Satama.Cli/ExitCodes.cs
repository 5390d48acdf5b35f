namespace Satama.Cli;

/// <summary>
/// The exit codes of satama. Scripts can tell "you called me wrong" (2, nothing was sent to
/// the master) from "the platform said no or could not be reached" (1).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The master refused (4xx), could not be reached, or a local operation failed.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or invalid argument.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl-C (128 + SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;
}
