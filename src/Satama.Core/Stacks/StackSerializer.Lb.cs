using Satama.Core.Stacks.Model;
using Map = System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, object>>;

namespace Satama.Core.Stacks;

public static partial class StackSerializer
{
    private static void Lb(Map m, StackLbSpec? lb)
    {
        if (lb is null)
        {
            return;
        }
        Add(m, "lb", Build(lm =>
        {
            AddList(lm, "hosts", lb.Hosts);
            Add(lm, "path", lb.Path);
            Add(lm, "strip_path", lb.StripPath);
            Add(lm, "port", lb.Port);
            Add(lm, "sticky", lb.Sticky);
            if (lb.TlsSecret is { } secret)
            {
                Add(lm, "tls", Build(tm => Add(tm, "secret", secret)));
            }
            Add(lm, "redirect_https", lb.RedirectHttps);
        }));
    }
}
