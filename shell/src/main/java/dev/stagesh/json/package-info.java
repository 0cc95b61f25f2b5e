/**
 * JSON as Jackson trees without databind's {@code ObjectMapper} ({@link dev.stagesh.json.JsonTrees}): the engine's
 * answers, image configs and manifests are read and written here, by every layer that handles them.
 */
package dev.stagesh.json;
