package dev.stagesh.fs;

/**
 * What {@code stat} shows, as data. Only what a tar header can tell: no device, inode, access or
 * change time.
 *
 * @param type       GNU's words: {@code regular file}, {@code directory}, {@code symbolic link}, ...
 * @param blocks     512-byte blocks, estimated for a 4 KiB-block filesystem
 * @param modeOctal  four-digit octal, e.g. {@code 0755}
 * @param user       user name from the snapshot's /etc/passwd, or null
 * @param group      group name from the snapshot's /etc/group, or null
 * @param modify     modification time as stat prints it, in the injected clock's zone
 * @param linkTarget symlink target, or null
 */
public record StatRecord(String path, String type, long size, long blocks, long ioBlock, long links,
                         String modeOctal, String mode, long uid, String user, long gid, String group,
                         String modify, String linkTarget, Integer major, Integer minor) {
}
