package io.rhoai.core;

import java.util.Optional;

/**
 * A result that is printed in full even when it stops the run (a plan blocked by drift, a failed gate): the CLI shows
 * the result on stdout, then the blocking error the same way as a thrown one, and exits with the error's code.
 */
public interface Blocking {
    /** Why the run stops here, or empty when it does not. */
    Optional<RhoaiException> blockedBy();
}
