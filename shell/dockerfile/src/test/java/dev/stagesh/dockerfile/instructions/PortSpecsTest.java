package dev.stagesh.dockerfile.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.DockerfileException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EXPOSE's ports, checked against go-connections' nat.ParsePortSpecs (what docker build calls). */
class PortSpecsTest {
    @Test
    void portsGetTcpByDefaultAndRangesExpand() {
        assertThat(PortSpecs.parse("80")).containsExactly("80/tcp");
        assertThat(PortSpecs.parse("53/UDP")).containsExactly("53/udp");
        assertThat(PortSpecs.parse("8000-8002/sctp")).containsExactly("8000/sctp", "8001/sctp", "8002/sctp");
        assertThat(PortSpecs.parse("80/")).containsExactly("80/tcp");
        assertThat(PortSpecs.parse("127.0.0.1:8080:80")).containsExactly("80/tcp");
    }

    @Test
    void aPortThatIsNoNumberIsAnInvalidContainerPort() {
        // Docker 28's BuildKit reads a port with Go's Atoi: a leading + is a sign, not an error
        assertThat(PortSpecs.parse("+80")).containsExactly("80/tcp");
        for (String bad : List.of("notaport", "65536", "-1", "90-80", "8o")) {
            assertThatThrownBy(() -> PortSpecs.parse(bad)).isInstanceOf(PortSpecs.InvalidPortException.class)
                    .hasMessage("invalid containerPort: " + bad);
        }
        assertThatThrownBy(() -> PortSpecs.parse("80/http")).hasMessage("invalid port: \"80/http\": invalid proto: http");
        assertThatThrownBy(() -> PortSpecs.parse("/tcp")).hasMessage("invalid port: \"/tcp\": no port specified");
    }

    @Test
    void exposeOfNotAPortIsRefusedAtItsLineAndColumn() {
        assertThatThrownBy(() -> Dockerfile.parse("FROM scratch\nEXPOSE 80 notaport\n", "Dockerfile"))
                .isInstanceOf(DockerfileException.class)
                .hasMessageContaining("invalid containerPort: notaport")
                .satisfies(e -> {
                    assertThat(((DockerfileException) e).line()).isEqualTo(2);
                    assertThat(((DockerfileException) e).column()).isEqualTo(11);
                });
    }

    @Test
    void aPortStillToBeExpandedIsCheckedWhenItsStepRuns() {
        var df = Dockerfile.parse("FROM scratch\nEXPOSE $PORT\n", "Dockerfile");
        assertThat(((Instruction.Expose) df.stages().get(0).instructions().get(0)).ports()).containsExactly("$PORT");
    }
}
