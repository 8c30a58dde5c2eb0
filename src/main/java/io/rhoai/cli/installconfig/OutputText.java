package io.rhoai.cli.installconfig;

import io.rhoai.cli.output.Table;
import io.rhoai.installconfig.FileResult;

import java.util.List;
import java.util.Map;

/** The text view of a list of written files, shared by render and gpu-manifests. */
final class OutputText {
    private OutputText() { }

    static String files(String title, boolean dryRun, boolean changed, List<FileResult> files, String digest, Map<String, String> preview) {
        StringBuilder b = new StringBuilder();
        b.append(dryRun ? "Dry run, nothing written: " : changed ? "" : "Up to date, nothing written: ").append(title).append('\n');
        Table t = new Table(dryRun ? "WOULD BE" : "STATUS", "FILE", "MODE");
        for (FileResult f : files) t.row(f.status().word(), f.path(), f.status() == FileResult.Status.REMOVED ? "" : f.secret() ? "0600" : "0644");
        b.append(t);
        b.append("input digest: sha256:").append(digest).append('\n');
        if (preview != null) {
            for (var e : preview.entrySet()) {
                b.append("\n--- ").append(e.getKey()).append('\n').append(e.getValue());
                if (!e.getValue().endsWith("\n")) b.append('\n');
            }
        }
        return b.toString();
    }
}
