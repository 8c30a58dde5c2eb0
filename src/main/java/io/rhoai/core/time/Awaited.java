package io.rhoai.core.time;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a wait is for, in one value: a description for messages ("ClusterOperator authentication to roll out"), a hint
 * for the timeout error, how to observe the state, when it is done (null-safe: {@code observe} may return null), and
 * how to describe a state in one line (the "last state" of a timeout, and progress lines).
 */
public record Awaited<T>(String what, String hint, Supplier<T> observe, Predicate<T> done, Function<T, String> state) {
    public Awaited {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(observe, "observe");
        Objects.requireNonNull(done, "done");
        if (state == null) state = t -> t == null ? "nothing seen" : String.valueOf(t);
    }

    public static <T> Awaited<T> of(String what, Supplier<T> observe, Predicate<T> done) {
        return new Awaited<>(what, null, observe, done, null);
    }

    /** The same wait under another name and hint (the one its callers' users know it by). */
    public Awaited<T> named(String newWhat, String newHint) {
        return new Awaited<>(newWhat, newHint, observe, done, state);
    }

    /** The condition, never throwing: a half-filled status is "not yet", not a crash. */
    public boolean holds(T value) {
        try {
            return done.test(value);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The state's description, never throwing. */
    public String describe(T value) {
        try {
            return state.apply(value);
        } catch (RuntimeException e) {
            return value == null ? "nothing seen" : "unreadable state";
        }
    }
}
