package org.jspt.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspt.JsptException;
import org.jspt.align.AlignResult;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.io.AtomicFiles;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.WriteFailedException;

/**
 * What {@code refinemulti --resume} needs, in {@code <run>/checkpoint/}, every file written under a
 * temporary name and renamed:
 * <ul>
 * <li>{@code command.json}: the working directory and the command line of the run;
 * <li>{@code refs_initial.hdf}: the starting references (so building them from the data is not repeated);
 * <li>{@code align_NN_<first>_<end>.bin}: alignment results of particles [first, end) of iteration NN,
 *     written as each block finishes, so a killed iteration resumes from its last complete block;
 * <li>{@code refs_NN.hdf} then {@code state.json}: after every file of iteration NN is written, the next
 *     references and the iteration count. {@code state.json} is the commit point: an iteration counts
 *     as complete only once it names it.
 * </ul>
 * The alignment blocks of the last complete iteration are kept (the next iteration compares its classes
 * with them); older ones are deleted. {@code --restarts}' passes are saved as the iterations after run 1's last,
 * until the run is finished. The binary blocks are private to one jspt version.
 */
public final class RunCheckpoint {
    public static final String DIR = "checkpoint";
    private static final int MAGIC = 0x4a53414c; // "JSAL"
    private static final Pattern BLOCK = Pattern.compile("align_(\\d+)_(\\d+)_(\\d+)\\.bin"), REFS = Pattern.compile("(?:refs|halves)_(\\d+)\\.hdf");

    /** The command a run was started with. */
    public record Command(Path cwd, List<String> argv) {}

    /**
     * @param completed iterations whose files are all written
     * @param activeAligned the classes aligned to in the last complete iteration
     * @param active the classes still active after it
     * @param finished true once the run's final files are written
     */
    public record State(int completed, boolean[] activeAligned, boolean[] active, boolean finished) {}

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();

    public RunCheckpoint(Path runDir) {
        this.dir = runDir.resolve(DIR);
    }

    public Path dir() { return dir; }

    public void writeCommand(Path cwd, List<String> argv) throws IOException {
        ObjectNode o = json.createObjectNode();
        o.put("cwd", cwd.toAbsolutePath().toString());
        ArrayNode a = o.putArray("argv");
        argv.forEach(a::add);
        AtomicFiles.writeString(dir.resolve("command.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
    }

    /** The command of the run in {@code runDir}. @throws JsptException if it is not a resumable jspt run folder */
    public static Command readCommand(Path runDir) throws IOException {
        Path f = runDir.resolve(DIR).resolve("command.json");
        if (!Files.isDirectory(runDir)) throw new JsptException(runDir + ": no such run folder");
        if (!Files.isRegularFile(f)) throw new JsptException(runDir + ": not a resumable run (no " + DIR + "/command.json; runs made before jspt 0.2 cannot resume)");
        JsonNode o = new ObjectMapper().readTree(f.toFile());
        List<String> argv = new ArrayList<>();
        o.get("argv").forEach(x -> argv.add(x.asText()));
        return new Command(Path.of(o.get("cwd").asText()), argv);
    }

    /** The last committed state, or null when no iteration is complete. */
    public State readState() throws IOException {
        Path f = dir.resolve("state.json");
        if (!Files.isRegularFile(f)) return null;
        JsonNode o = json.readTree(f.toFile());
        return new State(o.get("completed_iterations").asInt(), bools(o.get("active_aligned")), bools(o.get("active")),
                o.get("finished").asBoolean());
    }

    public void writeState(State s) throws IOException {
        ObjectNode o = json.createObjectNode();
        o.put("completed_iterations", s.completed());
        ArrayNode aa = o.putArray("active_aligned");
        for (boolean b : s.activeAligned()) aa.add(b);
        ArrayNode a = o.putArray("active");
        for (boolean b : s.active()) a.add(b);
        o.put("finished", s.finished());
        AtomicFiles.writeString(dir.resolve("state.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
    }

    private static boolean[] bools(JsonNode a) {
        boolean[] b = new boolean[a.size()];
        for (int i = 0; i < b.length; i++) b[i] = a.get(i).asBoolean();
        return b;
    }

    /**
     * The commit point of iteration {@code it}: the next references, then the state naming the iteration complete,
     * then the alignment blocks no longer needed. Call when every other file of the iteration is on disk.
     * @param aligned the classes aligned to in this iteration, active the classes still active after it
     * @return the committed state
     */
    public State commit(int it, List<Volume> nextRefs, boolean[] aligned, boolean[] active) throws IOException {
        writeReferences(it, nextRefs);
        State s = new State(it + 1, aligned, active.clone(), false);
        writeState(s);
        dropBefore(it);
        return s;
    }

    /** Marks the run finished (its final files are written); nothing if no iteration was committed. */
    public void markFinished(State committed) throws IOException {
        if (committed != null) writeState(new State(committed.completed(), committed.activeAligned(), committed.active(), true));
    }

    public void writeInitialReferences(List<Volume> refs) throws IOException { writeVolumes(dir.resolve("refs_initial.hdf"), refs); }

    /** The starting references, or null if they were not saved. */
    public List<Volume> readInitialReferences() throws IOException { return readVolumes(dir.resolve("refs_initial.hdf")); }

    /** The references for the iteration after {@code it} (inactive classes: any stand-in). */
    public void writeReferences(int it, List<Volume> refs) throws IOException { writeVolumes(refsFile(it), refs); }

    public List<Volume> readReferences(int it) throws IOException {
        List<Volume> r = readVolumes(refsFile(it));
        if (r == null) throw new JsptException(refsFile(it) + ": missing; the checkpoint is damaged");
        return r;
    }

    private Path refsFile(int it) { return dir.resolve("refs_" + RunOutputs.nn(it) + ".hdf"); }

    private static void writeVolumes(Path f, List<Volume> vols) throws IOException {
        Files.createDirectories(f.getParent());
        EmanHdf.write(f, vols);
    }

    private static List<Volume> readVolumes(Path f) throws IOException {
        return Files.isRegularFile(f) ? EmanHdf.readAll(f) : null;
    }

    /**
     * The half references a resume needs (refinemulti.md §7.1.5, §7.9).
     * @param halves per class {even-index particles' reference, odd ones'}, null for a class without them
     * @param start the first gold-standard iteration (−1: the classification was still running)
     * @param classes the fixed class of every particle (null before the gold-standard iterations)
     */
    public record GoldState(List<Volume[]> halves, int start, int[] classes) {}

    /**
     * Part of iteration {@code it}'s commit, written before {@link #commit}: the crossed half references
     * ({@code halves_NN.hdf}, a class without them stored as its reference twice) and, once --goldstandard's iterations
     * run, their first iteration and the fixed classes ({@code gold.bin}).
     * @param halves per class {even, odd} references or null
     * @param classes the fixed classes (null: still classifying)
     */
    public void writeHalves(int it, List<Volume> refs, List<Volume[]> halves, int start, int[] classes) throws IOException {
        List<Volume> flat = new ArrayList<>();
        for (int c = 0; c < refs.size(); c++) {
            Volume[] h = halves.get(c);
            flat.add(h != null ? h[0] : refs.get(c));
            flat.add(h != null ? h[1] : refs.get(c));
        }
        writeVolumes(halvesFile(it), flat);
        if (classes == null) return;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(12 + 4 * classes.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(start);
            out.writeInt(classes.length);
            for (int c : classes) out.writeInt(c);
        }
        AtomicFiles.writeBytes(dir.resolve("gold.bin"), bytes.toByteArray());
    }

    /**
     * The half references and --goldstandard state committed with iteration {@code it}, or null if it has none (a
     * checkpoint written before every run kept its halves, without --goldstandard).
     */
    public GoldState readHalves(int it, int particles) throws IOException {
        List<Volume> flat = readVolumes(halvesFile(it));
        if (flat == null) return null;
        List<Volume[]> halves = new ArrayList<>();
        for (int c = 0; c + 1 < flat.size(); c += 2) {
            // A class without halves was stored as its reference twice; two halves of a class never hold the same voxels.
            Volume e = flat.get(c), o = flat.get(c + 1);
            halves.add(java.util.Arrays.equals(e.data, o.data) ? null : new Volume[] {e, o});
        }
        Path f = dir.resolve("gold.bin");
        if (!Files.isRegularFile(f)) return new GoldState(halves, -1, null);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
            if (in.readInt() != MAGIC) throw new JsptException(f + ": not a jspt checkpoint file; the checkpoint is damaged");
            int start = in.readInt(), n = in.readInt();
            if (n != particles) throw new JsptException(f + ": holds " + n + " particles, the run " + particles + "; the checkpoint is damaged");
            int[] classes = new int[n];
            for (int p = 0; p < n; p++) classes[p] = in.readInt();
            return new GoldState(halves, start, classes);
        }
    }

    /** The measured FFT plans the run computes with (docs/performance.md), kept so that a resume computes the same bits. */
    public void writeFftPlans(org.jspt.image.FftPlans.Wisdom plans) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("fft_plans.txt"), plans.text());
    }

    /** The run's measured FFT plans, or null if it has none (estimated plans throughout). */
    public org.jspt.image.FftPlans.Wisdom readFftPlans() throws IOException {
        Path f = dir.resolve("fft_plans.txt");
        if (!Files.isRegularFile(f)) return null;
        try {
            return org.jspt.image.FftPlans.Wisdom.parse(Files.readString(f));
        } catch (IllegalArgumentException e) {
            throw new JsptException(f + ": " + e.getMessage() + "; the checkpoint is damaged");
        }
    }

    private Path halvesFile(int it) { return dir.resolve("halves_" + RunOutputs.nn(it) + ".hdf"); }

    /** Saves the results of particles [first, first + rows.size()) of iteration {@code it}. */
    public void writeAlignments(int it, int first, List<AlignResult[]> rows) throws IOException {
        Path target = dir.resolve(String.format(Locale.ROOT, "align_%s_%d_%d.bin", RunOutputs.nn(it), first, first + rows.size()));
        Files.createDirectories(dir);
        Path tmp = AtomicFiles.tempBeside(target);
        try {
            try (OutputStream os = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
                out.writeInt(MAGIC);
                out.writeInt(rows.size());
                for (AlignResult[] row : rows) {
                    out.writeInt(row.length);
                    for (AlignResult r : row) {
                        out.writeBoolean(r != null);
                        if (r == null) continue;
                        for (double m : r.xform().matrix()) out.writeDouble(m);
                        out.writeDouble(r.score());
                        out.writeDouble(r.coverage());
                    }
                }
            } catch (IOException e) {
                throw WriteFailedException.of(target, e); // disk full, most often
            }
            AtomicFiles.commit(tmp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Fills {@code into[p]} from every saved block of iteration {@code it}.
     * @return the number of particles filled
     */
    public int readAlignments(int it, AlignResult[][] into) throws IOException {
        int filled = 0;
        for (Path f : blocks(it)) {
            Matcher m = BLOCK.matcher(f.getFileName().toString());
            if (!m.matches()) continue;
            int first = Integer.parseInt(m.group(2)), end = Integer.parseInt(m.group(3));
            if (first < 0 || end > into.length || end <= first) throw new JsptException(f + ": particles outside the stack; the checkpoint does not belong to this input");
            try (InputStream is = Files.newInputStream(f); DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
                if (in.readInt() != MAGIC || in.readInt() != end - first) throw new JsptException(f + ": not a jspt alignment checkpoint");
                for (int p = first; p < end; p++) {
                    AlignResult[] row = new AlignResult[in.readInt()];
                    for (int k = 0; k < row.length; k++) {
                        if (!in.readBoolean()) continue;
                        double[] mat = new double[12];
                        for (int i = 0; i < 12; i++) mat[i] = in.readDouble();
                        row[k] = new AlignResult(Transform.ofMatrix(mat), in.readDouble(), in.readDouble());
                    }
                    if (into[p] == null) filled++;
                    into[p] = row;
                }
            } catch (EOFException e) {
                throw new JsptException(f + ": truncated alignment checkpoint");
            }
        }
        return filled;
    }

    /** Deletes the alignment blocks and references of iterations before {@code it}. */
    public void dropBefore(int it) throws IOException {
        delete(BLOCK, nn -> nn < it + 1);
        delete(REFS, nn -> nn < it + 1);
    }

    /**
     * Deletes the alignment blocks of the iterations after 0-based iteration {@code it} (--restarts' passes and a
     * converged iteration's, once the run is finished; the files are numbered from 1).
     */
    public void dropAlignmentsAfter(int it) throws IOException {
        delete(BLOCK, nn -> nn > it + 1);
    }

    /** Deletes the checkpoint files named by {@code kind} (its group 1: the 1-based iteration number) whose number passes {@code which}. */
    private void delete(Pattern kind, java.util.function.IntPredicate which) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                Matcher m = kind.matcher(f.getFileName().toString());
                if (m.matches() && which.test(Integer.parseInt(m.group(1)))) Files.deleteIfExists(f);
            }
        }
    }

    private List<Path> blocks(int it) throws IOException {
        List<Path> l = new ArrayList<>();
        if (!Files.isDirectory(dir)) return l;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "align_" + RunOutputs.nn(it) + "_*.bin")) {
            ds.forEach(l::add);
        }
        l.sort(null);
        return l;
    }
}
