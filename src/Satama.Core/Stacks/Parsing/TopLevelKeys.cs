namespace Satama.Core.Stacks.Parsing;

/// <summary>The top-level keys of a stack file. Unknown ones are errors: a typo there loses a whole section.</summary>
internal static class TopLevelKeys
{
    public static readonly string[] All =
    [
        "version", "name", "stack", "description", "expose", "depends", "variables", "services", "networks", "volumes",
        "secrets", "configs",
    ];

    public static readonly string[] Network = ["external", "name", "driver", "driver_opts", "ipam", "attachable", "internal", "labels", "enable_ipv6"];

    public static readonly string[] Volume = ["external", "name", "driver", "driver_opts", "labels"];

    public static readonly string[] Secret = ["file", "environment", "content", "external", "name", "labels", "driver", "template_driver"];
}
