package dev.stagesh.engine;

/** One line of an image's history, as {@code docker history} shows it. */
public record HistoryEntry(String createdBy, boolean emptyLayer) {}
