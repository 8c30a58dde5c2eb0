package io.rhoai.cli.output;

/** {@code -o text|json|yaml}: one result record, three renderings. */
public enum OutputFormat { text, json, yaml }
