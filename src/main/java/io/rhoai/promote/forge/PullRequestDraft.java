package io.rhoai.promote.forge;

/** What to open: head branch into base branch, with a title and a Markdown body. */
public record PullRequestDraft(String head, String base, String title, String body) { }
