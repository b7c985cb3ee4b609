package dev.palisade.diff;

import java.util.List;

/**
 * The difference in authorization between two configurations.
 *
 * @param classes      every class of changed requests, grants first
 * @param changedOld   elements of the old configuration the new one does not have
 * @param changedNew   elements of the new configuration the old one does not have
 * @param queries      satisfiability checks run
 * @param notes        what the analysis assumed (e.g. a restructured chain)
 */
public record DiffReport(List<DiffClass> classes, int changedOld, int changedNew, int queries, List<String> notes) {
    public DiffReport {
        classes = List.copyOf(classes);
        notes = List.copyOf(notes);
    }

    public boolean grants() {
        return classes.stream().anyMatch(c -> c.direction() == DiffClass.Direction.GRANTED);
    }
}
