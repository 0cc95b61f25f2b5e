package dev.stagesh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "break", description = "Stop 'continue' before the step at LINE, before every INSTRUCTION (e.g. RUN), "
        + "or where a step fails (on-error, on by default; 'break on-error off' keeps the last good step instead).")
final class BreakCommand extends SessionCommand {
    @Parameters(index = "0", paramLabel = "LINE|INSTRUCTION|on-error")
    String where;

    @Parameters(index = "1", arity = "0..1", paramLabel = "on|off")
    String toggle;

    @Override
    int execute() {
        var breaks = session().breakpoints();
        if (where.equalsIgnoreCase("on-error")) {
            boolean on = toggle == null || toggle.equalsIgnoreCase("on");
            if (toggle != null && !toggle.equalsIgnoreCase("on") && !toggle.equalsIgnoreCase("off")) {
                printer().error("break: on-error takes on or off");
                return 1;
            }
            breaks.onError(on);
            printer().line("on-error " + (on ? "on" : "off"));
            return 0;
        }
        if (where.matches("\\d+")) {
            int line = Integer.parseInt(where);
            boolean exists = session().stages().stream().flatMap(r -> r.steps().stream())
                    .anyMatch(i -> i.node().startLine() <= line && line <= i.node().endLine());
            if (!exists) {
                printer().error("break: no instruction at line " + line + " of " + session().dockerfile().fileName());
                return 1;
            }
            var b = breaks.atLine(line);
            printer().line("breakpoint " + b.number() + " at line " + line);
            return 0;
        }
        if (!where.matches("(?i)FROM|RUN|COPY|ADD|WORKDIR|ENV|ARG|LABEL|EXPOSE|VOLUME|USER|CMD|ENTRYPOINT|SHELL"
                + "|HEALTHCHECK|STOPSIGNAL|ONBUILD|MAINTAINER")) {
            printer().error("break: '" + where + "' is neither a line number, an instruction nor on-error");
            return 1;
        }
        var b = breaks.atInstruction(where);
        printer().line("breakpoint " + b.number() + " at every " + b.keyword());
        return 0;
    }
}
