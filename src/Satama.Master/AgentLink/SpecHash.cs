using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Satama.Core.Model;

namespace Satama.Master.AgentLink;

/// <summary>
/// SHA-256 over a canonical form of everything that shapes a container: image, command,
/// entrypoint, env (sorted by name), ports (sorted), restart policy, revision, health check, where vault
/// secrets go (never their values), the mounts, the configs
/// (with a hash of their content) and the runtime options. The agent replaces a
/// container whose label differs, so equal specs must hash equally whatever their order.
/// </summary>
internal static class SpecHash
{
    private static readonly JsonSerializerOptions s_health = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Of(ServiceSpec spec)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("image", spec.Image);
            json.WriteStartArray("command");
            foreach (var part in spec.Command)
            {
                json.WriteStringValue(part);
            }
            json.WriteEndArray();
            if (spec.Entrypoint.Count > 0)
            {
                // Only when set, so that services without one keep their hash (and containers).
                json.WriteStartArray("entrypoint");
                foreach (var part in spec.Entrypoint)
                {
                    json.WriteStringValue(part);
                }
                json.WriteEndArray();
            }
            json.WriteStartArray("env");
            foreach (var (name, value) in spec.Env.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteStringValue($"{name}={value}");
            }
            json.WriteEndArray();
            json.WriteStartArray("ports");
            foreach (var port in spec.Ports.OrderBy(p => p.HostPort).ThenBy(p => p.Protocol, StringComparer.Ordinal).ThenBy(p => p.ContainerPort))
            {
                json.WriteStringValue(port.ToString());
            }
            json.WriteEndArray();
            json.WriteString("restart", spec.Restart.ToWire());
            json.WriteNumber("revision", spec.Revision);
            if (spec.Health is { } health)
            {
                // Only when set, so that the hash of a service without a check stays what it was.
                json.WriteString("health", JsonSerializer.Serialize(health, s_health));
            }
            if (spec.Secrets.Count > 0)
            {
                // Where each secret goes, never its value or version: a changed value bumps the revision instead.
                json.WriteStartArray("secrets");
                foreach (var secret in spec.Secrets.OrderBy(s => s.Type).ThenBy(s => s.Target, StringComparer.Ordinal))
                {
                    json.WriteStringValue($"{secret.Secret}|{secret.Type}|{secret.Target}|{secret.Mode}|{secret.Uid}|{secret.Gid}");
                }
                json.WriteEndArray();
            }
            if (spec.Mounts.Count > 0)
            {
                // Only when set; in order of target, so the same mounts written in another order hash equally.
                json.WriteStartArray("mounts");
                foreach (var mount in spec.Mounts.OrderBy(m => m.Target, StringComparer.Ordinal))
                {
                    json.WriteStringValue(mount.Canonical);
                }
                json.WriteEndArray();
            }
            if (spec.Configs.Count > 0)
            {
                // Only when set; the content's hash is in, so a changed config rolls the service.
                json.WriteStartArray("configs");
                foreach (var config in spec.Configs.OrderBy(c => c.Target, StringComparer.Ordinal))
                {
                    json.WriteStringValue(FormattableString.Invariant($"{config.Name}|{config.Target}|{config.Mode}|{config.Uid}|{config.Gid}|{config.ContentHash}"));
                }
                json.WriteEndArray();
            }
            if (!spec.Runtime.IsDefault)
            {
                // Only when set, like health: services that set no runtime option keep their hash (and containers).
                json.WritePropertyName("runtime");
                RuntimeHash.Write(json, spec.Runtime);
            }
            json.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}
