package dev.stagesh.fs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ls} over a snapshot's {@link FileTree}, printing what GNU {@code ls} prints to a pipe: one
 * name a line, or with {@code -l} the long format with columns right-aligned to their widest cell.
 * Names are not quoted (what coreutils does when output is not a terminal); laying names out in
 * columns for a terminal is the shell's business.
 */
public final class Ls {

    private final PathResolver resolver;
    private final Owners owners;
    private final Clock clock;

    public Ls(PathResolver resolver, Owners owners, Clock clock) {
        this.resolver = resolver;
        this.owners = owners;
        this.clock = clock;
    }

    /** An entry as it will be listed, under the name to show. */
    private record Item(String name, FileEntry entry) {
    }

    /** A directory operand, with the entries it lists. */
    private record Dir(String name, List<Item> items) {
    }

    /** What the operands amount to: files listed together, then each directory in turn. */
    private record Plan(List<Item> files, List<Dir> dirs, List<String> errors) {
    }

    /**
     * Lists {@code paths} (absolute, as typed; empty means {@code /}): file operands first, then each
     * directory, headed by its name when there is more than one operand, as GNU ls does. A missing
     * operand becomes an error line and the others are still listed.
     */
    public CommandOutput render(List<String> paths, LsOptions opts) {
        List<String> operands = paths.isEmpty() ? List.of("/") : paths;
        Plan plan = plan(operands, opts);
        List<String> out = new ArrayList<>();
        if (!plan.files().isEmpty()) {
            out.addAll(format(plan.files(), opts));
        }
        boolean headers = operands.size() > 1;
        boolean first = plan.files().isEmpty();
        for (Dir dir : plan.dirs()) {
            if (!first) {
                out.add("");
            }
            first = false;
            if (headers) {
                out.add(dir.name() + ":");
            }
            if (opts.longFormat()) {
                out.add("total " + total(dir.items(), opts));
            }
            out.addAll(format(dir.items(), opts));
        }
        return new CommandOutput(out, plan.errors());
    }

    /** The same listing as data: the entries one operand lists. */
    public List<LsRecord> records(String path, LsOptions opts) {
        Plan plan = plan(List.of(path), opts);
        if (!plan.errors().isEmpty()) {
            throw new FsException(plan.errors().get(0));
        }
        List<Item> items = plan.files().isEmpty() ? plan.dirs().get(0).items() : plan.files();
        List<LsRecord> out = new ArrayList<>(items.size());
        for (Item item : items) {
            out.add(record(item));
        }
        return out;
    }

    private Plan plan(List<String> operands, LsOptions opts) {
        List<Item> files = new ArrayList<>();
        List<Dir> dirs = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> sorted = new ArrayList<>(operands);
        sorted.sort(FsPaths.C_ORDER);
        for (String operand : sorted) {
            FileEntry e;
            try {
                e = resolver.lookup(operand);
            } catch (FsException ex) {
                errors.add("cannot access '" + operand + "': " + reason(ex));
                continue;
            }
            if (!opts.directory()) {
                // without -l, a symlink operand naming a directory is listed as that directory (GNU)
                FileEntry target = e;
                if (e.isSymlink() && !opts.longFormat()) {
                    try {
                        target = resolver.resolve(operand);
                    } catch (FsException dangling) {
                        target = e;
                    }
                }
                if (target.isDirectory()) {
                    dirs.add(new Dir(operand, contents(target, opts)));
                    continue;
                }
            }
            files.add(new Item(operand, e));
        }
        return new Plan(files, dirs, errors);
    }

    private List<Item> contents(FileEntry dir, LsOptions opts) {
        FileTree tree = resolver.tree();
        List<Item> items = new ArrayList<>();
        if (opts.all()) {
            items.add(new Item(".", dir));
            items.add(new Item("..", tree.entry(FsPaths.parent(dir.path())).orElse(dir)));
        }
        for (FileEntry child : tree.children(dir.path())) {
            if (opts.all() || !child.name().startsWith(".")) {
                items.add(new Item(child.name(), child));
            }
        }
        // "." and ".." sort like any name ("-x" comes before them in the C locale)
        items.sort(Comparator.comparing(Item::name, FsPaths.C_ORDER));
        return items;
    }

    private String total(List<Item> items, LsOptions opts) {
        long kib = 0;
        for (Item item : items) {
            kib += resolver.tree().stat(item.entry()).kilobytes();
        }
        return opts.human() ? SizeFormat.lsHuman(kib * 1024) : Long.toString(kib);
    }

    private List<String> format(List<Item> items, LsOptions opts) {
        List<String> out = new ArrayList<>(items.size());
        if (!opts.longFormat()) {
            for (Item item : items) {
                out.add(item.name());
            }
            return out;
        }
        List<Row> rows = new ArrayList<>(items.size());
        // a directory's entries mostly share a few mtimes (one step wrote them): each date is made once
        Map<Instant, String> dates = new HashMap<>();
        for (Item item : items) {
            rows.add(row(item, opts, dates));
        }
        Widths w = Widths.of(rows);
        for (Row r : rows) {
            out.add(w.line(r));
        }
        return out;
    }

    /** The cells of one long-format line before alignment. */
    private record Row(String mode, String links, String owner, boolean ownerNumeric, String group,
                       boolean groupNumeric, String size, String major, String minor, String date,
                       String name) {
        boolean device() {
            return major != null;
        }
    }

    private Row row(Item item, LsOptions opts, Map<Instant, String> dates) {
        FileEntry e = item.entry();
        FileStat st = resolver.tree().stat(e);
        String size = opts.human() ? SizeFormat.lsHuman(st.size()) : Long.toString(st.size());
        String major = e.type().isDevice() ? Integer.toString(e.devMajor()) : null;
        String minor = e.type().isDevice() ? Integer.toString(e.devMinor()) : null;
        String name = e.isSymlink() ? item.name() + " -> " + e.linkTarget() : item.name();
        return new Row(st.modeString(), Long.toString(st.links()),
                owners.user(st.uid()), owners.userName(st.uid()).isEmpty(),
                owners.group(st.gid()), owners.groupName(st.gid()).isEmpty(),
                size, major, minor, dates.computeIfAbsent(st.mtime(), t -> Timestamps.lsDate(t, clock)), name);
    }

    /**
     * Column widths over a block of rows. As in GNU ls: link count and size are right-aligned, names
     * of owner and group left-aligned but bare numeric ids right-aligned, and a device's
     * "major, minor" pair aligned on its comma while widening the size column if it must.
     */
    private record Widths(int links, int owner, int group, int size, int major, int minor) {
        static Widths of(List<Row> rows) {
            int links = 0;
            int owner = 0;
            int group = 0;
            int size = 0;
            int major = 0;
            int minor = 0;
            for (Row r : rows) {
                links = Math.max(links, r.links().length());
                owner = Math.max(owner, r.owner().length());
                group = Math.max(group, r.group().length());
                if (r.device()) {
                    major = Math.max(major, r.major().length());
                    minor = Math.max(minor, r.minor().length());
                } else {
                    size = Math.max(size, r.size().length());
                }
            }
            if (major > 0) {
                size = Math.max(size, major + 2 + minor);
            }
            return new Widths(links, owner, group, size, major, minor);
        }

        String line(Row r) {
            StringBuilder b = new StringBuilder(80);
            b.append(r.mode()).append(' ');
            left(b, r.links(), links).append(' ');
            owner(b, r.owner(), r.ownerNumeric(), owner).append(' ');
            owner(b, r.group(), r.groupNumeric(), group).append(' ');
            if (r.device()) {
                left(b, r.major(), size - minor - 2).append(", ");
                left(b, r.minor(), minor);
            } else {
                left(b, r.size(), size);
            }
            b.append(' ').append(r.date()).append(' ').append(r.name());
            return b.toString();
        }

        private static StringBuilder owner(StringBuilder b, String s, boolean numeric, int width) {
            return numeric ? left(b, s, width) : right(b, s, width);
        }

        /** Pads on the left: right-aligned. */
        private static StringBuilder left(StringBuilder b, String s, int width) {
            b.append(" ".repeat(Math.max(0, width - s.length())));
            return b.append(s);
        }

        /** Pads on the right: left-aligned. */
        private static StringBuilder right(StringBuilder b, String s, int width) {
            b.append(s);
            return b.append(" ".repeat(Math.max(0, width - s.length())));
        }
    }

    private LsRecord record(Item item) {
        FileEntry e = item.entry();
        FileStat st = resolver.tree().stat(e);
        boolean device = e.type().isDevice();
        return new LsRecord(item.name(), e.path(), e.type().jsonName(), st.modeString(),
                Integer.toOctalString(st.mode()), st.links(), owners.user(st.uid()), owners.group(st.gid()),
                st.uid(), st.gid(), st.size(), device ? e.devMajor() : null, device ? e.devMinor() : null,
                st.mtime().toString(), e.isSymlink() ? e.linkTarget() : null);
    }

    /** The strerror part of an FsException message ("PATH: reason"). */
    static String reason(FsException e) {
        String m = e.getMessage();
        int at = m.lastIndexOf(": ");
        return at < 0 ? m : m.substring(at + 2);
    }
}
