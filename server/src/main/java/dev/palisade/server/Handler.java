package dev.palisade.server;

/**
 * One endpoint (or a family of them) of the server, independent of the HTTP library. A handler
 * that throws gets a 500 Status from the server, never a stack trace, and never an allow.
 */
@FunctionalInterface
public interface Handler {
    HttpResponse handle(HttpRequest request) throws Exception;
}
