package dev.stagesh.fs;

import java.util.List;

/**
 * A node of {@code tree}'s output as data, shaped like {@code tree -J}: a directory has
 * {@code contents} (null where the depth limit stopped the listing), a symlink its {@code target}.
 *
 * @param type {@code directory}, {@code file} or {@code link}
 */
public record TreeNode(String type, String name, String target, List<TreeNode> contents) {
}
