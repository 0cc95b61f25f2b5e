package dev.stagesh.fs;

/**
 * One line of {@code ls -l} as data, for {@code --json} output (plain types only, so any JSON mapper
 * writes it without modules).
 *
 * @param name       the name as listed ({@code .}, {@code ..}, a basename or the path as given)
 * @param path       absolute path of the entry
 * @param type       {@link EntryType#jsonName()}
 * @param mode       ten-character mode string
 * @param modeOctal  permission bits in octal, e.g. {@code 4755}
 * @param owner      user name, or the uid as a string when the snapshot has no name for it
 * @param size       bytes as {@code ls -l} shows them (0 for devices)
 * @param major      device major number, or null
 * @param minor      device minor number, or null
 * @param mtime      ISO-8601 instant
 * @param linkTarget symlink target, or null
 */
public record LsRecord(String name, String path, String type, String mode, String modeOctal, long links,
                       String owner, String group, long uid, long gid, long size, Integer major,
                       Integer minor, String mtime, String linkTarget) {
}
