using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Stack;

/// <summary>The `satama stack` branch of the command tree.</summary>
internal static class StackCommands
{
    public static void Configure(IConfigurator<CommandSettings> stack)
    {
        stack.SetDescription("Stacks: named, versioned sets of services from one stack file");
        stack.AddCommand<ValidateCommand>("validate").WithDescription("Check a stack file offline and print it resolved (no master needed)")
            .WithExample("stack", "validate", "satama.yml", "--var", "tag=1.2");
        stack.AddCommand<InstallCommand>("install").WithDescription("Install a stack: create all its services")
            .WithExample("stack", "install", "satama.yml", "--name", "shop", "--var", "tag=1.2", "--wait");
        stack.AddCommand<UpgradeCommand>("upgrade").WithDescription("Upgrade a stack to a new file: only changed services are redeployed")
            .WithExample("stack", "upgrade", "shop", "satama.yml", "--wait");
        stack.AddCommand<LsCommand>("ls").WithDescription("List stacks");
        stack.AddCommand<ShowCommand>("show").WithDescription("Show a stack and its services");
        stack.AddCommand<DiffCommand>("diff").WithDescription("Show what an upgrade to a file would change");
        stack.AddCommand<HistoryCommand>("history").WithDescription("List a stack's revisions");
        stack.AddCommand<RollbackCommand>("rollback").WithDescription("Re-apply an earlier revision (default: the previous one)")
            .WithExample("stack", "rollback", "shop", "--revision", "3");
        stack.AddCommand<RmCommand>("rm").WithDescription("Remove a stack and all its services");
    }
}
