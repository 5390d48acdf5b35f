namespace Satama.Cli.Commands.Stack;

/// <summary>--var K=V, repeatable: the values of the stack file's variables.</summary>
internal interface IVariableSettings
{
    string[] Vars { get; }
}
