package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.instructions.PortSpecs;

import java.util.List;
import java.util.Locale;

/**
 * EXPOSE port specs ({@code [ip:][hostPort:]port[-end][/proto]}) as BuildKit's {@code convert_expose.go} reads them:
 * ExposeProtoCasing and ExposeInvalidFormat fire while parsing, and a malformed spec stops the build. The
 * reading itself is {@link PortSpecs}', the one the build uses.
 */
final class Ports {
    private Ports() {
    }

    static void check(String rawPort, List<LineRange> where, Lint lint) {
        PortSpecs.Spec spec = PortSpecs.split(rawPort);
        try {
            PortSpecs.checkPortAndProto(spec);
            if (!spec.proto().equals(spec.proto().toLowerCase(Locale.ROOT))) {
                lint.report(Rule.EXPOSE_PROTO_CASING, where,
                        "Defined protocol '" + rawPort + "' in EXPOSE instruction should be lowercase");
            }
            if (spec.mapsHost()) {
                lint.report(Rule.EXPOSE_INVALID_FORMAT, where, "EXPOSE instruction should not define an IP address or "
                        + "host-port mapping, found '" + rawPort + "'");
            }
            PortSpecs.checkRanges(spec);
        } catch (PortSpecs.InvalidPortException e) {
            throw new Stop(e.getMessage(), where);
        }
    }
}
