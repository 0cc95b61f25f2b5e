package dev.stagesh.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes the single layer a {@link SquashPlan} describes, reading the layers' content from a
 * second {@code docker save} of the same image. Everything streams: each entry's content goes
 * straight from the archive to the output, so an image of any size passes through a small buffer.
 * Entries keep their headers (owner, mode, times, extended attributes such as file capabilities).
 */
public final class LayerSquasher {

    private LayerSquasher() {
    }

    /**
     * Writes the squashed layer tar to {@code out} (not closed, but finished).
     *
     * @param save       a {@code docker save} of the image the plan was made from
     * @param layerFiles where each layer is stored in that archive, bottom first ({@link ImageArchive.SavedImage})
     * @return how many entries were written
     */
    public static int write(InputStream save, List<String> layerFiles, SquashPlan plan, OutputStream out) {
        if (layerFiles.size() != plan.layerCount()) {
            throw new IllegalArgumentException(layerFiles.size() + " layer files for a plan of " + plan.layerCount() + " layers");
        }
        // a layer repeated in an image is stored once: one file can stand for several layers
        Map<String, List<Integer>> layersOfFile = new HashMap<>();
        for (int i = 0; i < layerFiles.size(); i++) {
            layersOfFile.computeIfAbsent(layerFiles.get(i), f -> new ArrayList<>()).add(i);
        }
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosingOutputStream(out), StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        int written = 0;
        try {
            TarArchiveInputStream archive = TarStreams.open(save);
            for (TarArchiveEntry e = TarStreams.next(archive); e != null; e = TarStreams.next(archive)) {
                List<Integer> layers = layersOfFile.get(FsPaths.fromTarName("/", e.getName()));
                if (layers != null && TarStreams.typeOf(e) == EntryType.FILE) {
                    written += copyLayer(LayerTar.decompressed(archive), layers, plan, tar);
                }
            }
            tar.finish();
            tar.close();
        } catch (IOException ex) {
            throw FsException.unreadable(ex);
        }
        return written;
    }

    private static int copyLayer(InputStream layer, List<Integer> layers, SquashPlan plan, TarArchiveOutputStream out)
            throws IOException {
        int written = 0;
        TarArchiveInputStream in = TarStreams.open(layer);
        for (TarArchiveEntry e = TarStreams.next(in); e != null; e = TarStreams.next(in)) {
            SquashPlan.Decision decision = decide(plan, layers, FsPaths.fromTarName("/", e.getName()));
            if (decision instanceof SquashPlan.Decision.Drop) {
                continue;
            }
            if (decision instanceof SquashPlan.Decision.Rename r) {
                e.setName(FsPaths.toTarName("/", r.path()));
            } else if (decision instanceof SquashPlan.Decision.Relink r) {
                e.setLinkName(FsPaths.toTarName("/", r.target()));
            }
            out.putArchiveEntry(e);
            if (TarStreams.typeOf(e) == EntryType.FILE) {
                in.transferTo(out);
            }
            out.closeArchiveEntry();
            written++;
        }
        return written;
    }

    private static SquashPlan.Decision decide(SquashPlan plan, List<Integer> layers, String path) {
        for (int layer : layers) {
            SquashPlan.Decision d = plan.decide(layer, path);
            if (!(d instanceof SquashPlan.Decision.Drop)) {
                return d;
            }
        }
        return SquashPlan.DROP;
    }
}
