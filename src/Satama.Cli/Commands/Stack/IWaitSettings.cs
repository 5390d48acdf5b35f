namespace Satama.Cli.Commands.Stack;

/// <summary>--wait and --timeout of the commands that change a stack's instances.</summary>
internal interface IWaitSettings
{
    bool Wait { get; }

    int TimeoutSeconds { get; }
}
