package dev.stagesh.shell;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.context.BuildContext;
import dev.stagesh.context.ContextEntry;
import dev.stagesh.context.EntryType;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "context", description = "The build context exactly as COPY and ADD see it, after .dockerignore: "
        + "every file, directory (shown with a trailing /) and symlink, or only those at and under PATH.")
final class ContextCommand extends InspectCommand {
    @Option(names = "--json", description = "one JSON document") boolean json;
    @Parameters(arity = "0..1", paramLabel = "PATH", description = "context-relative") String path;

    @Override
    int run() {
        BuildContext context = session().buildContext();
        String under = path == null ? "" : ContextListing.clean(path);
        if (under == null) {
            return fail(path + ": outside the build context");
        }
        List<ContextEntry> entries = ContextListing.under(context.walk(), under);
        if (!under.isEmpty() && entries.isEmpty()) {
            return fail(path + ": not in the build context (missing, or excluded by .dockerignore)");
        }
        if (json) {
            ObjectNode doc = Json.object();
            doc.put("root", context.root().toString());
            ArrayNode list = doc.putArray("entries");
            for (ContextEntry e : entries) {
                ObjectNode n = list.addObject();
                n.put("path", e.path());
                n.put("type", switch (e.type()) {
                    case FILE -> "file";
                    case DIRECTORY -> "dir";
                    case SYMLINK -> "symlink";
                });
                n.put("mode", String.format("%04o", e.mode()));
                n.put("size", e.size());
                if (e.linkTarget() != null) {
                    n.put("linkTarget", e.linkTarget());
                }
            }
            doc.put("files", ContextListing.count(entries, EntryType.FILE));
            doc.put("directories", ContextListing.count(entries, EntryType.DIRECTORY));
            doc.put("symlinks", ContextListing.count(entries, EntryType.SYMLINK));
            doc.put("bytes", ContextListing.bytes(entries));
            json(doc);
            return 0;
        }
        entries.forEach(e -> printer().line(ContextListing.line(e)));
        printer().line("");
        printer().line(ContextListing.summary(entries));
        return 0;
    }
}
