/**
 * Filesystem inspection of build snapshots from tar streams alone, so it works in images that contain
 * no tools. Nothing here talks to Docker: the engine hands over the streams of
 * {@code GET /containers/{id}/archive?path=P} (entries relative to P's parent), {@code docker export}
 * (relative to {@code /}) or {@code docker save}.
 *
 * <p>Typical flow for a shell command:
 * <ol>
 *   <li>{@link dev.stagesh.fs.FileTree#read FileTree.read(stream, parentPath)} once per snapshot
 *       (headers only, one pass), plus {@link dev.stagesh.fs.Owners#parse} from the snapshot's
 *       {@code /etc/passwd} and {@code /etc/group} read with {@link dev.stagesh.fs.TarContent#copyFile};</li>
 *   <li>{@link dev.stagesh.fs.Ls}, {@link dev.stagesh.fs.TreeView}, {@link dev.stagesh.fs.Find},
 *       {@link dev.stagesh.fs.Stat} over a {@link dev.stagesh.fs.PathResolver} of that tree;</li>
 *   <li>{@code cat}: {@link dev.stagesh.fs.TarContent#cat} with a fresh stream of the same archive;</li>
 *   <li>{@code grep}: {@link dev.stagesh.fs.TarGrep} over a fresh stream;</li>
 *   <li>{@code diff}: {@link dev.stagesh.fs.TreeDiff#between} two trees; layers:
 *       {@link dev.stagesh.fs.ImageArchive#read} then {@link dev.stagesh.fs.LayerReport#of} or
 *       {@link dev.stagesh.fs.LayerStack#tree}.</li>
 * </ol>
 * Streams passed in are never closed here. Failures a user should see are
 * {@link dev.stagesh.fs.FsException}s with a one-line message.
 */
package dev.stagesh.fs;
