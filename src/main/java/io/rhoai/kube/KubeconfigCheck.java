package io.rhoai.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.InputFiles;
import io.rhoai.core.yaml.Mappers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks kubeconfig files before fabric8 parses them. fabric8's YAML errors quote the lines around the mistake, and in a
 * kubeconfig those lines are usually a bearer token or a client key; so a broken file is reported by name and line only,
 * as invalid input (exit 3), and a file that is not a regular file or is far too large is refused before it is read.
 */
final class KubeconfigCheck {
    private KubeconfigCheck() { }

    /** @param files the kubeconfig files in use; when empty, the default ~/.kube/config (if it exists) is checked */
    static void check(List<File> files, Map<String, String> env) {
        if (files.isEmpty()) {
            String home = env == null ? null : env.get("HOME");
            Path dflt = Path.of(home != null ? home : System.getProperty("user.home"), ".kube", "config");
            if (Files.exists(dflt)) check(dflt);
            return;
        }
        for (File f : files) check(f.toPath());
    }

    static void check(Path file) {
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
    }
}
