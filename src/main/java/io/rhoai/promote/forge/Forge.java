package io.rhoai.promote.forge;

/** A git hosting service that can open pull requests. One implementation per forge; see {@link Forges}. */
public interface Forge {
    /** The forge's name, for messages ("GitHub"). */
    String name();

    /** Opens the pull request, or returns the open one for the same head and base (then {@code created} is false). */
    PullRequest openPullRequest(PullRequestDraft draft);
}
