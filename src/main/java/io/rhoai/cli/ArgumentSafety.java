package io.rhoai.cli;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.SecretShapes;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/**
 * Parse errors without the secrets people paste on command lines. picocli quotes the arguments it could not use
 * ("Unknown options: '--git-token', 'ghp_…'"); an argument that looks like a secret, or follows an option whose
 * name says it takes one, is left out of the message instead.
 */
final class ArgumentSafety {
    static final String HIDDEN = "(a value that looks like a secret, not shown)";

    private ArgumentSafety() { }

    /** The message to print for {@code ex}: picocli's own, unless it would quote a secret-looking argument. */
    static String message(CommandLine.ParameterException ex, String[] args) {
        if (ex.getCause() instanceof RhoaiException r) return rejectedValue(ex, r);
        List<String> hidden = hiddenArguments(args);
        if (hidden.isEmpty()) return ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u) return unknown(u.getUnmatched(), hidden);
        String m = ex.getMessage();
        for (String h : hidden) m = m.replace(h, HIDDEN);
        return m;
    }

    /**
     * A converter (durations) refused the value with a RhoaiException: that is invalid input (exit 3) named by the option,
     * not picocli's "cannot convert … (io.rhoai.core.RhoaiException: …)".
     */
    static int exitCode(CommandLine.ParameterException ex) {
        return ex.getCause() instanceof RhoaiException r ? ExitCodes.of(r.kind()) : ExitCodes.USAGE;
    }

    private static String rejectedValue(CommandLine.ParameterException ex, RhoaiException r) {
        String m = r.getMessage();
        int colon = m.indexOf(": ");
        // the converter names its value generically ("duration: …"); the option's name says which one
        if (colon > 0 && !m.substring(0, colon).contains(" ")) m = m.substring(colon + 2);
        String name = ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName()
                : ex.getArgSpec() != null ? ex.getArgSpec().paramLabel() : "argument";
        return name + ": " + m;
    }

    private static String unknown(List<String> unmatched, List<String> hidden) {
        List<String> shown = new ArrayList<>();
        boolean valueHidden = false;
        for (String arg : unmatched) {
            boolean isHidden = hidden.contains(arg);
            int eq = arg.indexOf('=');
            String name = arg.startsWith("-") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!isHidden) {
                shown.add(arg);
            } else if (arg.startsWith("-") && !SecretShapes.looksLikeSecret(name)) {
                shown.add(name);   // --git-token=ghp_…: the name helps, the value is dropped
                valueHidden = true;
            } else {
                valueHidden = true;
            }
        }
        if (shown.isEmpty()) return "Unexpected argument " + HIDDEN;
        return (shown.size() == 1 ? "Unknown option " : "Unknown options ") + String.join(", ", shown)
                + (valueHidden ? " (" + (shown.size() == 1 ? "its value is" : "their values are") + " not shown)" : "");
    }

    /** Arguments that must not be echoed: secret-shaped ones, and the value after (or in) a secret-named option. */
    static List<String> hiddenArguments(String[] args) {
        List<String> out = new ArrayList<>();
        if (args == null) return out;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean afterSecretName = i > 0 && SecretShapes.secretName(args[i - 1]) && !args[i - 1].contains("=")
                    && !args[i - 1].endsWith("-file") && !a.startsWith("-");
            boolean inlineSecret = a.startsWith("-") && a.contains("=") && SecretShapes.secretName(a.substring(0, a.indexOf('=')))
                    && !a.substring(0, a.indexOf('=')).endsWith("-file");
            if (afterSecretName || inlineSecret || SecretShapes.looksLikeSecret(a)) out.add(a);
        }
        return out;
    }
}
