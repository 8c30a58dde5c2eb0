package io.rhoai.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.InputFiles;
import io.rhoai.core.yaml.Mappers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a kubeconfig file before fabric8 parses it. fabric8's YAML errors quote the lines around the mistake, and in a
 * kubeconfig those lines are usually a bearer token or a client key; so a broken file is reported by name and line only,
 * as invalid input (exit 3), and a file that is not a regular file or is far too large is refused before it is read.
 */
final class KubeconfigCheck {
    private KubeconfigCheck() { }

    /** The file's text, once it is known to be a readable kubeconfig-shaped YAML mapping. */
    static String check(Path file) {
        String text = InputFiles.readText(file, "kubeconfig", "kubeconfig", InputFiles.KUBECONFIG_MAX);
        JsonNode tree;
        try {
            tree = Mappers.yaml().readTree(text);
        } catch (JsonProcessingException e) {
            // the location only: the parser's message carries a snippet of the file
            var loc = e.getLocation();
            String line = loc == null || loc.getLineNr() < 1 ? "" : " (line " + loc.getLineNr() + ")";
            throw RhoaiException.invalid("kubeconfig " + file + " is not valid YAML" + line,
                    "fix the file (kubectl config view shows what kubectl makes of it) or pass another --kubeconfig");
        }
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            throw RhoaiException.invalid("kubeconfig " + file + " is not a kubeconfig (no YAML mapping)", "pass another --kubeconfig");
        }
        return text;
    }
}
