package dev.stagesh.fs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code stat PATH} in GNU stat's default layout, keeping the lines a tar header can fill:
 * <pre>
 *   File: /etc/passwd
 *   Size: 922       	Blocks: 8          IO Block: 4096   regular file
 * Links: 1
 * Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)
 * Modify: 2024-06-01 10:30:00.000000000 +0000
 * </pre>
 * GNU's Device/Inode fields and the access, change and birth times are not in a tar, so those are left
 * out rather than invented. Like stat, a final symlink is described itself unless {@code -L}.
 */
public final class Stat {

    private final PathResolver resolver;
    private final Owners owners;
    private final Clock clock;

    public Stat(PathResolver resolver, Owners owners, Clock clock) {
        this.resolver = resolver;
        this.owners = owners;
        this.clock = clock;
    }

    public CommandOutput render(List<String> paths, boolean dereference) {
        List<String> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String path : paths) {
            try {
                out.addAll(lines(record(path, dereference)));
            } catch (FsException e) {
                errors.add("cannot stat '" + path + "': " + Ls.reason(e));
            }
        }
        return new CommandOutput(out, errors);
    }

    public StatRecord record(String path, boolean dereference) {
        FileEntry e = dereference ? resolver.resolve(path) : resolver.lookup(path);
        FileStat st = resolver.tree().stat(e);
        String type = st.type() == EntryType.FILE && st.size() == 0 ? "regular empty file" : st.type().statName();
        boolean device = e.type().isDevice();
        return new StatRecord(path, type, st.size(), st.blocks(), FileStat.BLOCK_SIZE, st.links(),
                Modes.octal(st.mode()), st.modeString(), st.uid(), owners.userName(st.uid()).orElse(null),
                st.gid(), owners.groupName(st.gid()).orElse(null),
                Timestamps.statTime(st.mtime(), clock.getZone()),
                e.isSymlink() ? e.linkTarget() : null, device ? e.devMajor() : null, device ? e.devMinor() : null);
    }

    public static List<String> lines(StatRecord r) {
        List<String> out = new ArrayList<>(5);
        out.add("  File: " + r.path() + (r.linkTarget() == null ? "" : " -> " + r.linkTarget()));
        out.add(String.format(Locale.ROOT, "  Size: %-10d\tBlocks: %-10d IO Block: %-6d %s", r.size(), r.blocks(), r.ioBlock(),
                r.type()));
        out.add(r.major() == null
                ? "Links: " + r.links()
                : String.format(Locale.ROOT, "Links: %-5d Device type: %d,%d", r.links(), r.major(), r.minor()));
        out.add(String.format(Locale.ROOT, "Access: (%s/%s)  Uid: (%5d/%8s)   Gid: (%5d/%8s)", r.modeOctal(), r.mode(),
                r.uid(), r.user() == null ? "UNKNOWN" : r.user(), r.gid(),
                r.group() == null ? "UNKNOWN" : r.group()));
        out.add("Modify: " + r.modify());
        return out;
    }
}
