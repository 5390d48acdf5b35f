namespace Satama.Core.Stacks.Model;

/// <summary>One hook: a shell command, on which instances ("*" or "1,2"), and whether it runs only once ever.</summary>
public sealed record HookSpec(string Name, string Cmd, string Instances = "*", bool OneShot = false);
