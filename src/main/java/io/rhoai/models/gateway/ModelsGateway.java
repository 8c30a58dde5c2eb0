package io.rhoai.models.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Outcome;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.AtomicFiles;
import io.rhoai.core.io.FileContent;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.models.ModelSpec;
import io.rhoai.models.ModelsLoader.Loaded;
import io.rhoai.models.RuntimeSpec;
import io.rhoai.models.gateway.GatewayDeclaration.Entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code models gateway}: for every model of the gateway declaration, its 3scale objects as files under {@code dir}
 * ({@code <product>/backend.yaml}, {@code product.yaml}, {@code activedoc.yaml}, {@code proxy-config-promote.yaml})
 * plus a {@code kustomization.yaml} listing them all, written atomically as one batch; unchanged files are not
 * rewritten. Files of models no longer declared are left alone (the result lists nothing for them).
 */
public final class ModelsGateway {
    public static final String KUSTOMIZATION = "kustomization.yaml";

    @RegisterForReflection
    public record WrittenFile(String path, String kind, String name, Outcome outcome) { }

    @RegisterForReflection
    public record Result(String declaration, String dir, List<WrittenFile> files, List<String> undeclared, boolean dryRun) { }

    public Result render(Loaded l, Path dir, boolean dryRun) {
        GatewayDeclaration d = l.gateway();
        if (d == null) {
            throw RhoaiException.invalid("no gateway declaration: no " + GatewayDeclaration.FILE + " in " + String.join(", ", l.dirs()),
                    "write one beside the models (docs/models.md, 'The gateway declaration') or pass --gateway FILE");
        }
        Map<String, ModelSpec> byName = new HashMap<>();
        for (ModelSpec m : l.models()) byName.putIfAbsent(m.name(), m);
        List<RuntimeSpec> runtimes = l.tree().runtimes().stream().map(RuntimeSpec::of).toList();
        GatewayRenderer renderer = new GatewayRenderer();
        Map<String, String> products = new HashMap<>();
        Map<Path, FileContent> files = new LinkedHashMap<>();
        Map<Path, String[]> what = new LinkedHashMap<>();
        List<String> resources = new ArrayList<>();
        for (var e : d.models().entrySet()) {
            ModelSpec m = byName.get(e.getKey());
            if (m == null) {
                throw RhoaiException.invalid(l.gatewayFile() + ": models." + e.getKey() + ": no InferenceService of that name under "
                        + String.join(", ", l.dirs()), "fix the name or remove the entry");
            }
            Entry entry = e.getValue();
            RuntimeSpec runtime = runtimes.stream().filter(r -> r.name().equals(m.runtime())
                    && (r.cluster() || r.namespace() == null || r.namespace().equals(m.namespace()))).findFirst().orElse(null);
            GatewayRenderer.Rendered r = renderer.render(m, runtime, entry, d, l.gatewayFile());
            String clash = products.put(r.product(), m.name());
            if (clash != null) {
                throw RhoaiException.invalid(l.gatewayFile() + ": models." + m.name() + ".product: '" + r.product() + "' is also the product of " + clash,
                        "give each model its own product name");
            }
            for (Map.Entry<String, ObjectNode> f : r.files().entrySet()) {
                String rel = r.product() + "/" + f.getKey();
                resources.add(rel);
                Path p = dir.resolve(rel);
                files.put(p, FileContent.text(Mappers.toYaml(f.getValue())));
                what.put(p, new String[] {rel, f.getValue().path("kind").asText(), r.product()});
            }
        }
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        k.put("kind", "Kustomization");
        k.put("resources", resources);
        Path kp = dir.resolve(KUSTOMIZATION);
        files.put(kp, FileContent.text("# Rendered by rhoai models gateway from " + l.gatewayFile() + "; edit that file, not these.\n" + Mappers.toYaml(k)));
        what.put(kp, new String[] {KUSTOMIZATION, "Kustomization", null});

        Map<Path, Boolean> existed = new HashMap<>();
        for (Path p : files.keySet()) existed.put(p, Files.exists(p));
        Map<Path, Boolean> changed = new HashMap<>();
        if (dryRun) {
            for (Path p : AtomicFiles.wouldChange(files)) changed.put(p, true);
        } else {
            changed.putAll(AtomicFiles.writeAll(files));
        }
        List<WrittenFile> out = new ArrayList<>();
        for (var e : what.entrySet()) {
            Outcome o = !Boolean.TRUE.equals(changed.get(e.getKey())) ? Outcome.UNCHANGED
                    : existed.get(e.getKey()) ? Outcome.CONFIGURED : Outcome.CREATED;
            out.add(new WrittenFile(e.getValue()[0], e.getValue()[1], e.getValue()[2], o));
        }
        List<String> undeclared = new ArrayList<>(new TreeMap<>(byName).keySet());
        undeclared.removeAll(d.models().keySet());
        return new Result(l.gatewayFile(), dir.toString(), out, undeclared, dryRun);
    }
}
