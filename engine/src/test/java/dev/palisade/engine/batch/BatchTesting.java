package dev.palisade.engine.batch;

import dev.palisade.engine.PolicyEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the batch tests: run the pipeline, collect what it judged and reported. */
final class BatchTesting {
    private BatchTesting() {}

    record Result(BatchReport report, List<JudgedRequest> requests, List<Problem> problems) {
        JudgedRequest byId(String auditID) {
            return requests.stream().filter(r -> r.auditID().equals(auditID)).findFirst()
                    .orElseThrow(() -> new AssertionError("no request " + auditID));
        }
    }

    static Result run(PolicyEngine engine, int workers, Path... logs) throws InterruptedException {
        List<JudgedRequest> requests = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<LogSource> sources = new ArrayList<>();
        for (Path log : logs) {
            sources.add(LogSource.of(log.toString()));
        }
        BatchReport report = new BatchRunner(engine).workers(workers).run(sources, new BatchListener() {
            @Override
            public void request(JudgedRequest r) {
                requests.add(r);
            }

            @Override
            public void problem(Problem p) {
                problems.add(p);
            }
        });
        return new Result(report, requests, problems);
    }
}
