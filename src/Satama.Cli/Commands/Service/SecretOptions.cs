using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Cli.Commands.Service;

/// <summary>
/// --secret NAME[:env|file[:TARGET]]: a vault secret for the service. NAME alone is a file at /run/secrets/NAME;
/// NAME:env is the variable NAME; NAME:env:VAR the variable VAR; NAME:file:TARGET a file at TARGET (a bare name goes
/// under /run/secrets). Secret names never hold ':', so the split is unambiguous.
/// </summary>
internal static class SecretOptions
{
    public static IReadOnlyList<ServiceSecret> Parse(IEnumerable<string> texts, List<string> problems)
    {
        var secrets = new List<ServiceSecret>();
        foreach (var text in texts)
        {
            var parts = text.Split(':', 3);
            var name = parts[0];
            var type = parts.Length > 1 ? parts[1] : "file";
            var target = parts.Length > 2 ? parts[2] : name;
            if (VaultSecretNames.Check(name) is { } nameProblem)
            {
                problems.Add($"--secret '{text}': {nameProblem}");
                continue;
            }
            if (target.Length == 0)
            {
                problems.Add($"--secret '{text}': the target after the second ':' is empty");
                continue;
            }
            switch (type)
            {
                case "env":
                    secrets.Add(new ServiceSecret { Secret = name, Type = SecretDeliveryType.Env, Target = target });
                    break;
                case "file":
                    secrets.Add(new ServiceSecret { Secret = name, Target = ServiceSecret.FilePath(target) });
                    break;
                default:
                    problems.Add($"--secret '{text}': the type after NAME: must be env or file, not '{type}'");
                    break;
            }
        }
        return secrets;
    }

    public static IReadOnlyList<ServiceSecretDto>? ToDto(IReadOnlyList<ServiceSecret> secrets) =>
        secrets.Count == 0
            ? null
            : [.. secrets.Select(s => new ServiceSecretDto(s.Secret, s.Type == SecretDeliveryType.Env ? "env" : "file", s.Target))];

    /// <summary>"DB_PASSWORD (env DB_PASSWORD), tls (file /run/secrets/tls, 0400)": names and targets, never values.</summary>
    public static string Describe(IReadOnlyList<ServiceSecretDto>? secrets) =>
        secrets is null || secrets.Count == 0
            ? "-"
            : string.Join(", ", secrets.Select(s => s.Type == "env" ? $"{s.Secret} (env {s.Target})" : $"{s.Secret} (file {s.Target}, {s.Mode ?? "0400"})"));
}
