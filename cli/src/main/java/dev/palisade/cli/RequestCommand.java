package dev.palisade.cli;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authn.AuthnLoadException;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.authn.PemCertificates;
import dev.palisade.engine.config.ConfigException;
import dev.palisade.engine.http.ImpersonationCheck;
import dev.palisade.engine.http.RawRequest;
import dev.palisade.engine.http.RequestHeaders;
import dev.palisade.engine.http.RequestPipeline;
import dev.palisade.engine.http.RequestStory;
import dev.palisade.engine.kubeconfig.KubeconfigCredentials;
import dev.palisade.engine.kubeconfig.KubeconfigException;
import dev.palisade.engine.kubeconfig.KubeconfigReader;
import dev.palisade.engine.request.UserInfo;
import dev.palisade.engine.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code palisade request -c CONFIG [-X METHOD] [-H 'Name: value']... [--client-cert PEM |
 * --kubeconfig FILE] PATH}: one raw API request through authentication, impersonation, request
 * info and authorization, printed stage by stage. A client certificate is taken as if TLS had
 * received it (possession of its key is not checked here). Exit 0 allowed, 1 refused (401/403),
 * 2 usage or input errors (including 400). Secrets are never printed.
 */
@Command(name = "request", description = "Explain how one HTTP request to the API would be authenticated and authorized.")
final class RequestCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "palisade.yaml")
    Path config;

    @Option(names = {"-X", "--method"}, defaultValue = "GET", description = "HTTP method (default GET).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "A request header; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--client-cert", paramLabel = "PEM", description = "Client certificate chain (leaf first), as TLS would present it.")
    Path clientCert;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Take the credentials of this kubeconfig's current context.")
    Path kubeconfig;

    @Option(names = "--as", paramLabel = "USER", description = "Impersonate this user, as kubectl's --as (an Impersonate-User header).")
    String as;

    @Option(names = "--as-group", paramLabel = "GROUP", description = "Impersonate this group; repeatable, as kubectl's --as-group (Impersonate-Group headers).")
    List<String> asGroups = new ArrayList<>();

    @Option(names = "--as-uid", paramLabel = "UID", description = "Impersonate this UID, as kubectl's --as-uid (an Impersonate-Uid header).")
    String asUid;

    @Parameters(index = "0", paramLabel = "PATH", description = "Request path with optional query, e.g. /api/v1/namespaces/ns/pods?watch=true")
    String target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PolicyEngine engine = PolicyEngine.fromConfig(config);
            RequestHeaders h = new RequestHeaders();
            for (int i = 0; i < headers.size(); i++) {
                String header = headers.get(i);
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    // never echo it: without its colon, 'Authorization Bearer TOKEN' is all value
                    err.println("-H #" + (i + 1) + ": a header must be written 'Name: value' (no colon found; its text is not shown,"
                            + " it may hold a credential)");
                    err.flush();
                    return PalisadeCommand.INPUT_ERROR;
                }
                h.add(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
            if (as != null) {
                h.add("Impersonate-User", as);
            }
            for (String g : asGroups) {
                h.add("Impersonate-Group", g);
            }
            if (asUid != null) {
                h.add("Impersonate-Uid", asUid);
            }
            List<X509Certificate> chain = clientCert == null ? List.of() : PemCertificates.read(clientCert);
            Credentials credentials = Credentials.fromHeader(h.first("Authorization"), chain);
            String source = "request headers";
            if (kubeconfig != null) {
                KubeconfigCredentials kc = KubeconfigReader.read(kubeconfig);
                credentials = kc.credentials();
                source = "kubeconfig " + kubeconfig + ", context \"" + kc.context() + "\", user \"" + kc.userEntry() + "\"";
            }
            RequestStory story = new RequestPipeline(engine).handle(new RawRequest(method, target, h, credentials));
            print(out, story, source);
            out.flush();
            if (story.status() == 400) {
                return PalisadeCommand.INPUT_ERROR;
            }
            return story.allowed() ? PalisadeCommand.OK : PalisadeCommand.FINDINGS;
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println(Printable.escapeLines(p)));
        } catch (AuthnLoadException | KubeconfigException e) {
            err.println(Printable.escape(e.getMessage()));
        }
        err.flush();
        return PalisadeCommand.INPUT_ERROR;
    }

    private static void print(PrintWriter out, RequestStory s, String source) {
        println(out, "request:        " + s.request().method() + " " + s.request().target());
        println(out, "credentials:    " + s.request().credentials().describe() + " from " + source);
        if (s.authentication().authenticated()) {
            println(out, "authenticated:  " + who(s.authentication().user()) + " via " + s.authentication().method().spelling()
                    + " (" + s.authentication().authenticator() + ")");
        } else {
            println(out, "authenticated:  no");
        }
        s.authentication().errors().forEach(e -> println(out, "  failed:       " + e.render()));
        if (s.impersonation() != null && s.impersonation().impersonating()) {
            for (ImpersonationCheck c : s.impersonation().checks()) {
                println(out, "  impersonate:  " + c.attributes().describe() + " → " + c.decision().verdict());
            }
            if (!s.impersonation().refused()) {
                println(out, "acting as:      " + who(s.impersonation().user()));
            }
        }
        if (s.attributes() != null) {
            println(out, "attributes:     " + s.attributes().describe()
                    + (s.attributes().resourceRequest() && !s.attributes().apiVersion().isEmpty() ? " (version " + s.attributes().apiVersion() + ")" : ""));
        }
        if (s.decision() != null) {
            println(out, "decision:       " + s.decision().verdict() + (s.decision().reasonText().isEmpty() ? "" : " — " + s.decision().reasonText()));
            if (!s.decision().errors().isEmpty()) {
                println(out, "  errors:       " + s.decision().errorText());
            }
        }
        println(out, "result:         HTTP " + s.status() + (s.message().isEmpty() ? "" : " — " + s.message()));
    }

    /** Header values and names are data from outside: their control characters are escaped. */
    private static void println(PrintWriter out, String line) {
        out.println(Printable.escape(line));
    }

    private static String who(UserInfo u) {
        return "\"" + u.name() + "\"" + (u.uid().isEmpty() ? "" : " uid " + u.uid()) + " groups " + u.groups()
                + (u.extra().isEmpty() ? "" : " extra " + u.extra());
    }
}
