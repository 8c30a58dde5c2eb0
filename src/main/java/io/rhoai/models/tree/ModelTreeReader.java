package io.rhoai.models.tree;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.InputFiles;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.promote.render.ManifestRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the InferenceServices and ServingRuntimes of model directories. A directory with a kustomization is rendered
 * through kustomize when a renderer is available and the build succeeds (then each object is traced back to the file
 * that declares it by kind and name); otherwise every {@code *.yaml}/{@code *.yml} file under it is read as written.
 * A file that is not YAML is an error naming the file (exit 3): a check that skipped it would pass a broken tree.
 */
public final class ModelTreeReader {
    /** Largest manifest file read; a model directory holds small files. */
    public static final long FILE_MAX = 4L * 1024 * 1024;
    private static final Set<String> KINDS = Set.of(ModelTree.KIND_ISVC, ModelTree.KIND_RUNTIME, ModelTree.KIND_CLUSTER_RUNTIME);
    private static final List<String> KUSTOMIZATIONS = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private final Path repo;
    private final ManifestRenderer renderer;
    private final Progress progress;

    /** @param renderer kustomize, or null to read the files only */
    public ModelTreeReader(Path repo, ManifestRenderer renderer, Progress progress) {
        this.repo = repo;
        this.renderer = renderer;
        this.progress = progress;
    }

    public ModelTree read(List<String> dirs) {
        List<SourceObject> isvcs = new ArrayList<>(), runtimes = new ArrayList<>();
        List<ModelTree.Source> sources = new ArrayList<>();
        for (String d : dirs) {
            Path dir = repo.resolve(d).normalize();
            if (!Files.isDirectory(dir)) {
                throw RhoaiException.invalid("--models-dir: " + d + " is not a directory under " + repo,
                        "name a folder of InferenceService/ServingRuntime files, relative to --repo-dir");
            }
            List<SourceObject> fromFiles = readFiles(dir);
            List<SourceObject> objects = fromFiles;
            ModelTree.Source source;
            boolean kustomization = KUSTOMIZATIONS.stream().anyMatch(k -> Files.isRegularFile(dir.resolve(k)));
            if (!kustomization) {
                source = new ModelTree.Source(d, ModelTree.Source.FILES, null, "no kustomization in the directory", false);
            } else if (renderer == null) {
                source = new ModelTree.Source(d, ModelTree.Source.FILES, null, "neither kustomize nor kubectl is on the PATH", false);
            } else {
                ModelTree.Source attempted;
                try {
                    objects = traced(renderer.render(dir), fromFiles, d);
                    attempted = new ModelTree.Source(d, ModelTree.Source.KUSTOMIZE, renderer.tool(), null, false);
                } catch (ManifestRenderer.RenderException e) {
                    attempted = new ModelTree.Source(d, ModelTree.Source.FILES, null, renderer.tool() + " failed: " + e.getMessage(), true);
                }
                source = attempted;
            }
            progress.info(d + ": read " + (source.mode().equals(ModelTree.Source.KUSTOMIZE)
                    ? "through " + source.tool() : "as YAML files (" + source.reason() + ")"));
            sources.add(source);
            for (SourceObject o : objects) {
                if (o.kind().equals(ModelTree.KIND_ISVC)) isvcs.add(o);
                else runtimes.add(o);
            }
        }
        return new ModelTree(isvcs, runtimes, sources);
    }

    private List<SourceObject> readFiles(Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))
                    .filter(p -> !hidden(dir.relativize(p)))
                    .sorted().toList();
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot list " + repo.relativize(dir) + ": " + e.getMessage(), "check the directory's permissions");
        }
        List<SourceObject> out = new ArrayList<>();
        for (Path f : files) {
            String rel = repo.relativize(f).toString();
            if (f.getFileName().toString().equals("gateway.yaml")) continue;   // the gateway declaration, read on its own
            String text = InputFiles.readText(f, "manifest", "--models-dir", FILE_MAX);
            out.addAll(parse(rel, text));
        }
        return out;
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) if (part.toString().startsWith(".")) return true;
        return false;
    }

    /** The InferenceServices and runtimes among the documents of one file; a document that is not YAML is an error. */
    static List<SourceObject> parse(String file, String text) {
        List<SourceObject> out = new ArrayList<>();
        int index = 0;
        try (MappingIterator<JsonNode> docs = Mappers.yaml().readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc != null && doc.isObject() && KINDS.contains(doc.path("kind").asText())) {
                    out.add(new SourceObject(file, index, doc));
                } else if (doc != null && !doc.isNull() && !doc.isObject()) {
                    throw RhoaiException.invalid(file + ": document " + (index + 1) + " is not a YAML mapping (a Kubernetes object)",
                            "fix the file, or move it out of the model directory");
                }
                index++;
            }
        } catch (JsonProcessingException e) {
            throw notYaml(file, e);
        } catch (IOException e) {
            throw RhoaiException.invalid(file + ": cannot read: " + e.getMessage(), "fix the file");
        } catch (RuntimeException e) {
            if (e instanceof RhoaiException r) throw r;
            if (e.getCause() instanceof JsonProcessingException j) throw notYaml(file, j);
            throw e;
        }
        return out;
    }

    private static RhoaiException notYaml(String file, JsonProcessingException e) {
        var loc = e.getLocation();
        String at = loc == null ? "" : " (line " + loc.getLineNr() + ")";
        return RhoaiException.invalid(file + ": not valid YAML" + at + ": " + e.getOriginalMessage().lines().findFirst().orElse(""),
                "fix the file, or move it out of the model directory");
    }

    /** Kustomize's output, each object traced back to the file that declares it (same kind and name). */
    private static List<SourceObject> traced(String rendered, List<SourceObject> fromFiles, String dir) {
        Map<String, SourceObject> byKey = new HashMap<>();
        for (SourceObject o : fromFiles) byKey.putIfAbsent(o.kind() + "/" + o.name(), o);
        List<SourceObject> out = new ArrayList<>();
        for (SourceObject o : parse("kustomize build " + dir, rendered)) {
            SourceObject declared = byKey.get(o.kind() + "/" + o.name());
            out.add(declared == null ? o : new SourceObject(declared.file(), declared.document(), o.body()));
        }
        return out;
    }
}
