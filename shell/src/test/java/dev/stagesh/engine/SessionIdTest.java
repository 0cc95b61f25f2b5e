package dev.stagesh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionIdTest {
    @Test
    void idKeepsTheShapeOfAUuidsFirstTwelveCharacters() {
        String id = SessionId.create().id();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{3}"), id);
    }

    @Test
    void idsOfSessionsStartedTogetherDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(SessionId.randomId(4242));
        }
        assertEquals(1000, ids.size());
    }

    @Test
    void labelsNameTheSessionItsProcessAndHost() {
        SessionId id = SessionId.create();
        assertEquals(id.id(), id.labels().get(SessionId.SESSION));
        assertEquals(Long.toString(ProcessHandle.current().pid()), id.labels().get(SessionId.PID));
    }
}
