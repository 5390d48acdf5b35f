using Satama.Cli.Commands;
using Satama.Cli.Hosting;
using Spectre.Console.Cli;
using AuditCmd = Satama.Cli.Commands.Audit;
using ContainerCmd = Satama.Cli.Commands.Container;
using ContextCmd = Satama.Cli.Commands.Context;
using GridCmd = Satama.Cli.Commands.Grid;
using LbCmd = Satama.Cli.Commands.Lb;
using NodeCmd = Satama.Cli.Commands.Node;
using RoleCmd = Satama.Cli.Commands.Role;
using SecretCmd = Satama.Cli.Commands.Secret;
using ServiceCmd = Satama.Cli.Commands.Service;
using StackCmd = Satama.Cli.Commands.Stack;
using TokenCmd = Satama.Cli.Commands.Token;
using UserCmd = Satama.Cli.Commands.User;

namespace Satama.Cli;

/// <summary>The shape of the satama command line (DESIGN.md, "CLI tree").</summary>
internal static class CommandTree
{
    public static void Configure(IConfigurator config)
    {
        config.AddCommand<UpCommand>("up")
            .WithDescription("Run the whole platform on this machine: Docker Engine, master, agent, grid default")
            .WithExample("up").WithExample("up", "--detach").WithExample("up", "--data", "/srv/satama", "--listen", "0.0.0.0:7443");
        config.AddCommand<DownCommand>("down").WithDescription("Stop a 'satama up' running in the background");

        config.AddBranch("master", master =>
        {
            master.SetDescription("Run a master (control plane)");
            master.AddCommand<MasterStartCommand>("start").WithDescription("Start a master and run it until Ctrl-C")
                .WithExample("master", "start", "--data", "/srv/satama/master", "--listen", "https://0.0.0.0:7443");
        });
        config.AddBranch("agent", agent =>
        {
            agent.SetDescription("Run a node agent");
            agent.AddCommand<AgentStartCommand>("start").WithDescription("Join this host to a grid and run its agent until Ctrl-C")
                .WithExample("agent", "start", "--master", "https://10.0.0.5:7443", "--grid-token", "TOKEN", "--label", "region=eu-north");
        });

        config.AddCommand<ContextCmd.LoginCommand>("login").WithDescription("Log in to a master and select it as the current context")
            .WithExample("login", "https://10.0.0.5:7443", "--token", "TOKEN", "--ca-fingerprint", "SHA256");
        config.AddBranch("context", context =>
        {
            context.SetDescription("Masters the CLI knows (~/.config/satama/config.yaml)");
            context.AddCommand<ContextCmd.LsCommand>("ls").WithDescription("List contexts");
            context.AddCommand<ContextCmd.UseCommand>("use").WithDescription("Select the current context");
            context.AddCommand<ContextCmd.RmCommand>("rm").WithDescription("Remove a context");
        });

        config.AddBranch("grid", grid =>
        {
            grid.SetDescription("Grids: clusters of nodes");
            grid.AddCommand<GridCmd.CreateCommand>("create").WithDescription("Create a grid");
            grid.AddCommand<GridCmd.LsCommand>("ls").WithDescription("List grids");
            grid.AddCommand<GridCmd.ShowCommand>("show").WithDescription("Show a grid and the command that joins a node to it");
            grid.AddCommand<GridCmd.RmCommand>("rm").WithDescription("Remove an empty grid");
            grid.AddCommand<GridCmd.RotateTokenCommand>("rotate-token").WithDescription("Issue a new join token; the old one admits no new nodes");
            grid.AddCommand<GridCmd.UpdateCommand>("update").WithDescription("Allow or take back host-level options and bind paths for the grid's grid_users")
                .WithExample("grid", "update", "prod", "--allow-bind", "/srv/data", "--allow", "privileged");
        });

        config.AddBranch("node", node =>
        {
            node.SetDescription("Nodes: hosts running an agent");
            node.AddCommand<NodeCmd.LsCommand>("ls").WithDescription("List the grid's nodes");
            node.AddCommand<NodeCmd.ShowCommand>("show").WithDescription("Show a node");
            node.AddCommand<NodeCmd.LabelCommand>("label").WithDescription("Set or remove node labels")
                .WithExample("node", "label", "node-1", "region=eu-north", "--remove", "az");
            node.AddCommand<NodeCmd.RmCommand>("rm").WithDescription("Remove a node and revoke its credential (--force: also an online one)");
            node.AddCommand<NodeCmd.DoctorCommand>("doctor").WithDescription("Check nodes for production readiness (storage, logs, clock, disk...)")
                .WithExample("node", "doctor", "node-1");
        });

        config.AddBranch("stack", StackCmd.StackCommands.Configure);

        config.AddBranch("service", service =>
        {
            service.SetDescription("Services: N instances of one container spec");
            service.AddCommand<ServiceCmd.CreateCommand>("create").WithDescription("Create a service")
                .WithExample("service", "create", "web", "--image", "nginx:alpine", "--instances", "2", "--port", "8080:80")
                .WithExample("service", "create", "shop/worker", "--image", "busybox", "--cmd", "\"sleep 3600\"", "--env", "MODE=batch");
            service.AddCommand<ServiceCmd.LsCommand>("ls").WithDescription("List services");
            service.AddCommand<ServiceCmd.ShowCommand>("show").WithDescription("Show a service and its instances");
            service.AddCommand<ServiceCmd.ScaleCommand>("scale").WithDescription("Change the number of instances")
                .WithExample("service", "scale", "web", "3");
            service.AddCommand<ServiceCmd.RestartCommand>("restart").WithDescription("Restart every instance, rolling");
            service.AddCommand<ServiceCmd.DeployCommand>("deploy").WithDescription("Roll the service out again (retry a stopped rollout, or --force)")
                .WithExample("service", "deploy", "web", "--force", "--wait");
            service.AddCommand<ServiceCmd.DeploysCommand>("deploys").WithDescription("List the service's rollouts");
            service.AddCommand<ServiceCmd.RmCommand>("rm").WithDescription("Remove a service and its containers");
            service.AddCommand<ServiceCmd.LogsCommand>("logs").WithDescription("Print the logs of every instance");
        });

        config.AddBranch("container", container =>
        {
            container.SetDescription("Containers of the grid, on every node");
            container.AddCommand<ContainerCmd.LsCommand>("ls").WithDescription("List containers");
            container.AddCommand<ContainerCmd.LogsCommand>("logs").WithDescription("Print a container's logs");
            container.AddCommand<ContainerCmd.ExecCommand>("exec").WithDescription("Run a command in a container")
                .WithExample("container", "exec", "default.null.web-1", "--", "ls", "-l", "/");
        });

        config.AddBranch("secret", secret =>
        {
            secret.SetDescription("The grid's vault: encrypted secrets for services");
            secret.AddCommand<SecretCmd.WriteCommand>("write").WithDescription("Write a new secret (value from --value, --file or standard input)")
                .WithExample("secret", "write", "DB_PASSWORD", "--file", "password.txt");
            secret.AddCommand<SecretCmd.ReadCommand>("read").WithDescription("Print a secret's value");
            secret.AddCommand<SecretCmd.LsCommand>("ls").WithDescription("List secrets (names and versions, never values)");
            secret.AddCommand<SecretCmd.UpdateCommand>("update").WithDescription("Write a new version of a secret");
            secret.AddCommand<SecretCmd.RmCommand>("rm").WithDescription("Remove a secret");
        });

        config.AddBranch("lb", lb =>
        {
            lb.SetDescription("The ingress load balancer on nodes labelled ingress=true");
            lb.AddCommand<LbCmd.RoutesCommand>("routes").WithDescription("Show the live routing table (every ingress node, or one)")
                .WithExample("lb", "routes", "edge-1");
        });

        config.AddBranch("audit", audit =>
        {
            audit.SetDescription("The audit trail: who changed what, when, from where");
            audit.AddCommand<AuditCmd.LsCommand>("ls").WithDescription("List audit events, newest last")
                .WithExample("audit", "ls", "--grid", "prod", "--since", "2h").WithExample("audit", "ls", "--follow", "--output", "json");
            audit.AddCommand<AuditCmd.VerifyCommand>("verify").WithDescription("Check that no audit event was changed or deleted (exit 1 if one was)");
        });

        config.AddCommand<UserCmd.WhoAmICommand>("whoami").WithDescription("Show the user, roles and token of the current context");
        config.AddBranch("user", user =>
        {
            user.SetDescription("Users of the master (master_admin)");
            user.AddCommand<UserCmd.AddCommand>("add").WithDescription("Add a user without roles and print its first token");
            user.AddCommand<UserCmd.LsCommand>("ls").WithDescription("List users and their roles");
            user.AddCommand<UserCmd.RmCommand>("rm").WithDescription("Remove a user and all its tokens");
        });

        config.AddBranch("token", token =>
        {
            token.SetDescription("API tokens: stored hashed, shown once");
            token.AddCommand<TokenCmd.CreateCommand>("create").WithDescription("Create a token and print it once")
                .WithExample("token", "create", "--name", "ci", "--role", "viewer", "--expires", "90d");
            token.AddCommand<TokenCmd.LsCommand>("ls").WithDescription("List tokens (ids, never values)");
            token.AddCommand<TokenCmd.RevokeCommand>("revoke").WithDescription("Revoke a token at once");
        });

        config.AddBranch("role", role =>
        {
            role.SetDescription("Roles: master_admin, and grid_admin, grid_user, viewer per grid");
            role.AddCommand<RoleCmd.GrantCommand>("grant").WithDescription("Grant a role to a user")
                .WithExample("role", "grant", "alice", "grid_user", "--grid", "prod").WithExample("role", "grant", "bob", "master_admin");
            role.AddCommand<RoleCmd.RevokeCommand>("revoke").WithDescription("Revoke a role from a user");
            role.AddCommand<RoleCmd.LsCommand>("ls").WithDescription("List role grants (all, or of --grid)");
        });

        config.AddCommand<VersionCommand>("version").WithDescription("Print the version of satama");
    }
}
