package dev.palisade;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type of Palisade's supported Java API: what an application embedding the engine may
 * use, kept compatible across releases. Every other public type is an implementation detail that
 * may change without notice (it is public only because Java packages cannot be friends). The
 * engine's {@code ApiSurfaceTest} checks that an API type's public signatures mention only API
 * types and the JDK, and that each has javadoc; the embedding example checks that it needs nothing else.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Api {
    /** {@code true} for a service-provider interface: implemented by the embedder, not only called. */
    boolean spi() default false;
}
