package dev.palisade.engine.admission.pss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upstream's wording from per-element rule messages. Each PSS rule says {@code reason (detail)}
 * for one pod, container or volume; upstream says it once per check, naming every offender:
 * {@code allowPrivilegeEscalation != false (containers "a", "b" must set ...)}. This class joins
 * the details of one check: details that differ only in the quoted name of a container or volume
 * become one plural detail, others are listed with ", ".
 */
final class PodSecurityMessages {
    private static final Pattern NAMED = Pattern.compile("^(.*?)\\b(container|volume) \"([^\"]*)\"(.*)$", Pattern.DOTALL);

    private PodSecurityMessages() {}

    /** {@code reason (detail)} of the messages of one check, in order. */
    static String joinCheck(List<String> messages) {
        String reason = null;
        Map<String, Set<String>> named = new LinkedHashMap<>(); // prefix \0 noun \0 suffix -> names
        List<Object> order = new ArrayList<>(); // plain details (String) and named keys (NamedKey)
        for (String m : messages) {
            int open = m.indexOf(" (");
            String r = open < 0 || !m.endsWith(")") ? m : m.substring(0, open);
            String detail = open < 0 || !m.endsWith(")") ? "" : m.substring(open + 2, m.length() - 1);
            if (reason == null) {
                reason = r;
            }
            Matcher n = NAMED.matcher(detail);
            if (n.matches()) {
                NamedKey key = new NamedKey(n.group(1), n.group(2), n.group(4));
                String k = key.toString();
                if (!named.containsKey(k)) {
                    named.put(k, new LinkedHashSet<>());
                    order.add(key);
                }
                named.get(k).add(n.group(3));
            } else if (!detail.isEmpty() && !order.contains(detail)) {
                order.add(detail);
            }
        }
        List<String> details = new ArrayList<>();
        for (Object o : order) {
            if (o instanceof NamedKey k) {
                Set<String> names = named.get(k.toString());
                String noun = names.size() == 1 ? k.noun() : k.noun() + "s";
                details.add(k.prefix() + noun + " \"" + String.join("\", \"", names) + "\"" + k.suffix());
            } else {
                details.add((String) o);
            }
        }
        return details.isEmpty() ? reason : reason + " (" + String.join(", ", details) + ")";
    }

    private record NamedKey(String prefix, String noun, String suffix) {
        @Override
        public String toString() {
            return prefix + '\0' + noun + '\0' + suffix;
        }
    }
}
