using System.Security.Cryptography;
using Satama.Core.Model;
using Satama.Core.Stacks;
using Satama.Master.Auth;
using Satama.Master.Vault;

namespace Satama.Master.Stacks;

/// <summary>
/// Renders a stack file into the service specs the master stores, re-parsing and validating it itself (a client's
/// own parse is never trusted), non-interactively, with the values the client sent.
/// </summary>
internal static class StackRenderer
{
    /// <summary>
    /// Parses <paramref name="source"/> for <paramref name="grid"/>; <paramref name="name"/> overrides the name in
    /// the file. Every problem is returned at once as "file:line:col: path: message". With the grid's
    /// <paramref name="vault"/>, a service secret naming a secret it lacks is an error that lists the names there are,
    /// and <c>from: vault</c> variables read it.
    /// </summary>
    public static StackRendering Render(string grid, string? name, StackSource source, StackVault? vault = null)
    {
        var variables = new Dictionary<string, string>(source.Generated, StringComparer.Ordinal);
        foreach (var (key, value) in source.Variables)
        {
            variables[key] = value;
        }
        var result = StackFile.Parse(source.Text, source.File, new StackParseOptions
        {
            StackName = name,
            Grid = grid,
            Variables = variables,
            Environment = source.Environment,
            ResolveFile = path => source.Files.TryGetValue(path, out var text) ? text : null,
            Interactive = false,
            // A client that parsed first sent its generated values; one that did not gets them made here, once.
            Random = RandomNumberGenerator.GetInt32,
            VaultSecrets = vault?.Names,
            Vault = vault is null ? null : vault.Read,
        });
        var errors = result.Errors.Select(d => d.ToString()).ToList();
        errors.AddRange(StackVault.Check(result.VaultWrites).Select(e => $"{source.File}: variables: {e}"));
        if (!result.Succeeded)
        {
            return new StackRendering(null, [], [], errors, source);
        }
        var stack = result.Stack!;
        var specs = new List<ServiceSpec>();
        var warnings = result.Warnings.Select(d => d.ToString()).ToList();
        foreach (var mapping in StackServiceMapper.ToServiceSpecs(stack, grid))
        {
            var spec = mapping.Spec;
            var problems = ServiceValidator.Validate(spec);
            errors.AddRange(problems.Select(p => $"{source.File}: services.{spec.Name}: {p}"));
            if (problems.Count == 0)
            {
                // Docker pulls every tag of an untagged repository: always say which one.
                spec = spec with { Image = ImageReference.Normalize(spec.Image) };
            }
            specs.Add(spec);
            warnings.AddRange(mapping.NotEnforced.Select(n => $"services.{spec.Name}: not enforced yet: {n}"));
        }
        var generated = new Dictionary<string, string>(source.Generated, StringComparer.Ordinal);
        foreach (var (key, value) in result.Generated)
        {
            generated[key] = value;
        }
        return new StackRendering(stack, specs, warnings, errors, source with { Generated = generated })
        {
            VaultWrites = result.VaultWrites,
            HostOptions = HostOptionUse.InStack(result, specs),
        };
    }
}
