package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Rule ids are unique across the whole policy set; every place a duplicate is defined is reported. */
final class DuplicateIdPass implements CheckPass {
    @Override
    public String name() {
        return "duplicate-ids";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        Map<String, List<Span>> byId = new LinkedHashMap<>();
        for (PolicyFile file : files) {
            for (Rule rule : file.rules()) {
                if (!rule.name().isBlank()) { // already reported by rule-names
                    byId.computeIfAbsent(RuleId.of(file, rule), id -> new ArrayList<>()).add(rule.nameSpan());
                }
            }
        }
        byId.forEach((id, places) -> {
            if (places.size() > 1) {
                for (int i = 0; i < places.size(); i++) {
                    int self = i;
                    String others = IntStream.range(0, places.size()).filter(j -> j != self)
                            .mapToObj(j -> places.get(j).location()).collect(Collectors.joining(", "));
                    out.add(Diagnostic.error(places.get(i), "duplicate rule id '" + id + "'", "also defined at " + others));
                }
            }
        });
    }
}
