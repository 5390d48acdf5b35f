namespace Satama.Core.Model;

/// <summary>
/// Checks a service's vault secrets: valid names, env targets that are variable names and do not shadow the service's
/// own environment, file targets that are clean absolute paths, no target used twice. Every problem at once.
/// </summary>
public static class ServiceSecretValidator
{
    public const int MaxSecrets = 64;

    public static IReadOnlyList<string> Validate(ServiceSpec spec)
    {
        var errors = new List<string>();
        if (spec.Secrets.Count > MaxSecrets)
        {
            errors.Add($"a service may use at most {MaxSecrets} secrets, not {spec.Secrets.Count}");
        }
        foreach (var secret in spec.Secrets)
        {
            if (VaultSecretNames.Check(secret.Secret) is { } nameError)
            {
                errors.Add(nameError);
            }
            if (secret.Type == SecretDeliveryType.Env)
            {
                if (!VaultSecretNames.IsEnvironmentName(secret.Target))
                {
                    errors.Add($"secret '{secret.Secret}': '{secret.Target}' is not an environment variable name (letters, digits and '_', not starting with a digit)");
                }
                else if (spec.Env.ContainsKey(secret.Target))
                {
                    errors.Add($"secret '{secret.Secret}': environment variable '{secret.Target}' is also set in the service's environment");
                }
            }
            else if (FileTargetError(secret.Target) is { } pathError)
            {
                errors.Add($"secret '{secret.Secret}': {pathError}");
            }
            if (secret.Mode is < 0 or > 0b111_111_111)
            {
                errors.Add($"secret '{secret.Secret}': mode must be an octal mode from 0000 to 0777");
            }
            if (secret.Uid is < 0 || secret.Gid is < 0)
            {
                errors.Add($"secret '{secret.Secret}': uid and gid must not be negative");
            }
        }
        foreach (var group in spec.Secrets.GroupBy(s => (s.Type, s.Target)).Where(g => g.Count() > 1))
        {
            errors.Add($"{(group.Key.Type == SecretDeliveryType.Env ? "environment variable" : "file")} '{group.Key.Target}' gets more than one secret: {string.Join(", ", group.Select(s => s.Secret))}");
        }
        return errors;
    }

    /// <summary>Why <paramref name="path"/> cannot hold a secret file, or null.</summary>
    public static string? FileTargetError(string path)
    {
        if (!path.StartsWith('/') || path.Length < 2 || path.EndsWith('/'))
        {
            return $"file target '{path}' must be an absolute path to a file (or a bare name, which goes under {ServiceSecret.DefaultDirectory})";
        }
        if (path.Length > 1024 || path.Contains('\0', StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal) || path.Contains(',', StringComparison.Ordinal))
        {
            return $"file target '{path}' is too long or holds ':', ',' or NUL";
        }
        var parts = path.Split('/')[1..];
        return parts.Any(p => p is "" or "." or "..") ? $"file target '{path}' must not hold empty, '.' or '..' segments" : null;
    }
}
