package io.rhoai.promote;

import io.rhoai.git.TreeFiles;
import io.rhoai.promote.overlay.ArgoApp;
import io.rhoai.promote.overlay.KustomizeReader;
import io.rhoai.promote.overlay.OverlayApplications;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Groups changed files by the Argo CD Application that deploys them. An app owns every file under its path plus
 * every file its kustomization reads (bases, components, patches), so a change to a shared base shows under each
 * app that uses it. The overlay's own files form "(cluster overlay)"; the rest "(no application)".
 */
final class ApplicationMapper {
    private record Owner(ArgoApp app, KustomizeReader.Build footprint) { }

    private final List<Owner> owners = new ArrayList<>();
    private final List<KustomizeReader.Build> overlays = new ArrayList<>();

    /** @param sides each side (before, after): the overlay resolved in its tree, and the tree app content comes from */
    ApplicationMapper(List<Side> sides) {
        for (Side side : sides) {
            overlays.add(side.overlay().overlay());
            KustomizeReader reader = new KustomizeReader(side.content());
            for (ArgoApp app : side.overlay().apps()) {
                owners.add(new Owner(app, reader.build(app.path(), false)));
            }
        }
    }

    record Side(OverlayApplications.Resolved overlay, TreeFiles content) { }

    /** App names for one file, sorted; empty when no app reads it. */
    List<String> appsOf(String file) {
        TreeSet<String> names = new TreeSet<>();
        for (Owner o : owners) if (o.footprint().contains(file)) names.add(o.app().name());
        return new ArrayList<>(names);
    }

    List<AppChanges> group(List<String> files) {
        Map<String, AppChanges> byApp = new LinkedHashMap<>();
        Map<String, TreeSet<String>> filesByApp = new LinkedHashMap<>();
        for (String f : files) {
            boolean any = false;
            for (Owner o : owners) {
                if (o.footprint().contains(f)) {
                    any = true;
                    byApp.putIfAbsent(o.app().name(), new AppChanges(o.app().name(), o.app().origin(), o.app().path(), List.of()));
                    filesByApp.computeIfAbsent(o.app().name(), k -> new TreeSet<>()).add(f);
                }
            }
            if (!any) {
                String group = overlays.stream().anyMatch(b -> b.contains(f)) ? AppChanges.OVERLAY : AppChanges.NONE;
                byApp.putIfAbsent(group, new AppChanges(group, null, null, List.of()));
                filesByApp.computeIfAbsent(group, k -> new TreeSet<>()).add(f);
            }
        }
        List<AppChanges> out = new ArrayList<>();
        List<String> names = new ArrayList<>(byApp.keySet());
        // applications by name, then the overlay, then what no app reads
        names.sort((a, b) -> Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
        for (String n : names) {
            AppChanges a = byApp.get(n);
            out.add(new AppChanges(a.application(), a.origin(), a.path(), List.copyOf(filesByApp.get(n))));
        }
        return out;
    }

    private static int rank(String name) {
        return name.equals(AppChanges.NONE) ? 2 : name.equals(AppChanges.OVERLAY) ? 1 : 0;
    }
}
