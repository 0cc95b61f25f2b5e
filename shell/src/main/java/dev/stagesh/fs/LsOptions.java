package dev.stagesh.fs;

/**
 * The {@code ls} flags stagesh supports.
 *
 * @param longFormat {@code -l}
 * @param all        {@code -a}: dot files, plus {@code .} and {@code ..}
 * @param directory  {@code -d}: list a directory itself, not its contents
 * @param human      {@code -h}: sizes like 1.5K with {@code -l}
 */
public record LsOptions(boolean longFormat, boolean all, boolean directory, boolean human) {

    public static final LsOptions DEFAULT = new LsOptions(false, false, false, false);

    /** Parses a bundle of short flags such as {@code "-lah"}; an unknown letter is an error. */
    public static LsOptions parse(String flags) {
        boolean l = false;
        boolean a = false;
        boolean d = false;
        boolean h = false;
        String letters = flags.startsWith("-") ? flags.substring(1) : flags;
        for (char c : letters.toCharArray()) {
            switch (c) {
                case 'l' -> l = true;
                case 'a' -> a = true;
                case 'd' -> d = true;
                case 'h' -> h = true;
                default -> throw new FsException("invalid option -- '" + c + "'");
            }
        }
        return new LsOptions(l, a, d, h);
    }
}
