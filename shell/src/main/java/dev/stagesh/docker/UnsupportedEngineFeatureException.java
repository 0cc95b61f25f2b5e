package dev.stagesh.docker;

/**
 * The engine cannot do something stagesh needs of it; the message is one line that names the
 * engine, its version and the feature, e.g.
 * {@code Podman 5.8.6 (API 1.41) cannot do RUN --mount=type=ssh}.
 */
public final class UnsupportedEngineFeatureException extends EngineException {
    private final String feature;

    public UnsupportedEngineFeatureException(EngineCapabilities engine, String feature, String why) {
        this(null, engine, feature, why);
    }

    /** @param where what asked for the feature, put first ({@code line 4: RUN}), or null */
    public UnsupportedEngineFeatureException(String where, EngineCapabilities engine, String feature, String why) {
        super((where == null ? "" : where + ": ") + engine.describe() + " cannot do " + feature
                + (why == null || why.isBlank() ? "" : ": " + why));
        this.feature = feature;
    }

    public String feature() {
        return feature;
    }
}
