using Satama.Client.Dtos;

namespace Satama.Cli.Commands;

/// <summary>Roles for tables: "master_admin, grid_user@prod".</summary>
internal static class RoleText
{
    public static string Of(IEnumerable<RoleBindingDto> roles)
    {
        var text = string.Join(", ", roles.Select(r => r.Grid is null ? r.Role : $"{r.Role}@{r.Grid}"));
        return text.Length == 0 ? "-" : text;
    }
}
