package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutedListenerTest {
    /**
     * A default method RoutedListener does not override would answer with StepListener's default
     * instead of reaching the console (as the pull's status line once did): each must be routed.
     */
    @Test
    void routesEveryCallOfTheListenerInterface() {
        List<String> notRouted = Arrays.stream(StepListener.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getDeclaringClass() != Object.class)
                .filter(m -> !m.getName().equals("beside")) // a stage's view is asked of the base, by during()
                .filter(m -> !declares(m))
                .map(Method::getName)
                .toList();
        assertThat(notRouted).isEmpty();
    }

    private static boolean declares(Method m) {
        try {
            RoutedListener.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Keeps the progress lines it hears; its view of a stage beside others is {@code stage}. */
    private static final class Recording implements StepListener {
        final StringBuilder lines = new StringBuilder();
        private final StepListener stage;

        Recording(StepListener stage) {
            this.stage = stage;
        }

        @Override
        public void stepStarted(StageRun s, int step, String instruction) {}

        @Override
        public void stepFinished(StageRun s, int step, java.time.Duration took, boolean cached) {}

        @Override
        public void progress(String line) {
            lines.append(line);
        }

        @Override
        public StepListener beside(StageRun run) {
            return stage == null ? this : stage;
        }

        @Override
        public void stdout(byte[] b, int o, int l) {}

        @Override
        public void stderr(byte[] b, int o, int l) {}
    }

    @Test
    void aThreadInsideDuringReachesItsStagesViewAndOthersTheBase() {
        Recording stage = new Recording(null);
        Recording base = new Recording(stage);
        RoutedListener routed = new RoutedListener(base);
        routed.progress("a");
        routed.during(null, () -> {
            routed.pullStarted("busybox");
            return null;
        });
        assertThat(base.lines).hasToString("a");
        assertThat(stage.lines).hasToString("pulling busybox");
    }
}
