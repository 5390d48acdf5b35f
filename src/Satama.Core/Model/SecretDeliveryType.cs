namespace Satama.Core.Model;

/// <summary>How a vault secret reaches a container.</summary>
public enum SecretDeliveryType
{
    /// <summary>A read-only file on a tmpfs, bind-mounted at the target path; not visible in <c>docker inspect</c>.</summary>
    File,

    /// <summary>An environment variable: simple, but visible to anyone who can <c>docker inspect</c> the container.</summary>
    Env,
}
