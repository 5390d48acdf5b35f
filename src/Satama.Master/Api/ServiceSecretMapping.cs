using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Master.Api;

/// <summary>Between a service's vault secrets and their DTOs (names and targets only: a value never travels here).</summary>
internal static class ServiceSecretMapping
{
    public static IReadOnlyList<ServiceSecret> ToSpec(IReadOnlyList<ServiceSecretDto?>? dtos, List<string> errors)
    {
        var secrets = new List<ServiceSecret>();
        foreach (var dto in dtos ?? [])
        {
            if (dto is null || string.IsNullOrEmpty(dto.Secret))
            {
                errors.Add("a secret needs `secret`, the name of a vault secret");
                continue;
            }
            SecretDeliveryType type;
            switch (dto.Type)
            {
                case null or "" or "file": type = SecretDeliveryType.File; break;
                case "env": type = SecretDeliveryType.Env; break;
                default:
                    errors.Add($"secret '{dto.Secret}': type must be env or file, not '{dto.Type}'");
                    continue;
            }
            var mode = ServiceSecret.DefaultMode;
            if (dto.Mode is { Length: > 0 } text)
            {
                if (ServiceSecret.ParseMode(text) is { } parsed)
                {
                    mode = parsed;
                }
                else
                {
                    errors.Add($"secret '{dto.Secret}': mode must be an octal file mode from 0000 to 0777 (e.g. 0400), not '{text}'");
                }
            }
            var target = string.IsNullOrEmpty(dto.Target) ? dto.Secret : dto.Target;
            secrets.Add(new ServiceSecret
            {
                Secret = dto.Secret,
                Type = type,
                Target = type == SecretDeliveryType.File ? ServiceSecret.FilePath(target) : target,
                Mode = mode,
                Uid = dto.Uid,
                Gid = dto.Gid,
            });
        }
        return secrets;
    }

    public static IReadOnlyList<ServiceSecretDto> ToDto(IReadOnlyList<ServiceSecret> secrets) =>
        [.. secrets.Select(s => s.Type == SecretDeliveryType.Env
            ? new ServiceSecretDto(s.Secret, "env", s.Target)
            : new ServiceSecretDto(s.Secret, "file", s.Target, ServiceSecret.FormatMode(s.Mode), s.Uid, s.Gid))];
}
