package org.jspt.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspt.align.AlignResult;
import org.jspt.image.FourierShellCorrelation;
import org.jspt.image.Volume;
import org.jspt.io.AtomicFiles;
import org.jspt.io.hdf.EmanHdf;

/**
 * The files a refinemulti iteration writes into the run folder ({@code docs/reference/refinemulti.md} §7, §10), each
 * written whole under a temporary name and renamed, so a killed run never leaves a half-written file; except
 * class_membership.txt, which is appended to ({@link MembershipFile} repairs a torn end when a run resumes).
 * Nothing here holds a file's text in memory: the per-particle files are streamed.
 * EMAN2-named files keep EMAN2's 0-based iteration tags; jspt's own files use the user-facing number NN
 * (01, 02, …).
 */
public final class RunOutputs {
    private final Path dir;
    private final String inputName;
    private final int particles, initialK, iterations;
    private final MembershipFile membership;

    public RunOutputs(Path dir, String input, int particles, int initialK, int iterations) {
        this.dir = dir;
        this.inputName = Path.of(input).getFileName().toString();
        this.particles = particles;
        this.initialK = initialK;
        this.iterations = iterations;
        this.membership = new MembershipFile(dir.resolve(RunFileNames.MEMBERSHIP));
    }

    public Path dir() { return dir; }

    /** EMAN2's iteration tag: str(it).zfill(len(str(--iter))). */
    public String iterTag(int it) { return RunFileNames.iterTag(it, iterations); }
    /** Reference tag, width from the initial number of references (Spec §7.2). */
    public String refTag(int k) { return RunFileNames.refTag(k, initialK); }
    /** jspt's user-facing iteration number of 0-based iteration {@code it}, 2 digits from 01. */
    public static String nn(int it) { return RunFileNames.nn(it + 1); }

    /** sptali_rm_<it>_<ref>.json: {subtomo_<p>: [Transform, score]} for every particle aligned to ref k. */
    public void writeSptali(int it, int k, AlignResult[][] results) throws IOException {
        int w = String.valueOf(particles).length();
        // Zero-padded to one width, the keys sort in particle order.
        SortedJsonWriter.write(dir.resolve(RunFileNames.sptali(iterTag(it), refTag(k))), out -> {
            for (int p = 0; p < results.length; p++) {
                AlignResult r = results[p][k];
                if (r != null) out.put("subtomo_" + RunFileNames.pad(p, w), List.of(r.xform(), r.score()));
            }
        });
    }

    /**
     * The files of an iteration's alignment and classification: {@code sptali_rm} (and with --plots {@code spt_cccs})
     * for each active class, class_membership.txt and particle_parms_NN.json.
     */
    public void writeClassification(int it, AlignResult[][] results, Assignment a, Assignment previous, boolean[] active, boolean plots) throws IOException {
        for (int r = 0; r < initialK; r++) {
            if (!active[r]) continue;
            writeSptali(it, r, results);
            if (plots) writeScorePlotData(it, r, results);
        }
        appendMembership(it, a, previous, initialK);
        writeParticleParms(it, a);
    }

    /** particle_parms_NN.json in the format of EMAN2's newer SPT programs. */
    public void writeParticleParms(int it, Assignment a) throws IOException {
        ParticleParms.write(ParticleParms.file(dir, it + 1), a.particles(),
                p -> new ParticleParms.Entry(inputName, p, a.classOf()[p], a.best(p).score(), a.best(p).xform()));
    }

    /** Appends this iteration to class_membership.txt (§7.5, Spec: every line ends with a newline; stars by class index). */
    public void appendMembership(int it, Assignment a, Assignment previous, int k) throws IOException {
        membership.append(it, a, previous, k);
    }

    /**
     * The class averages, image index = class id (Spec §7.7); a class with no average gets a zero volume of
     * the raw box with spt_multiplicity 0. Written to class_avgs.hdf (or class_avgs_iter<tag>.hdf with
     * savesteps) and to class_avgs_NN.hdf.
     */
    public void writeAverages(int it, List<Volume> averages, int box, double apix, boolean savesteps) throws IOException {
        List<Volume> vols = new ArrayList<>();
        for (Volume v : averages) {
            if (v != null) vols.add(v);
            else vols.add(emptyClass(box, apix));
        }
        String eman = savesteps && iterations > 1 ? RunFileNames.averagesStep(iterTag(it)) : RunFileNames.AVERAGES;
        EmanHdf.write(dir.resolve(eman), vols);
        EmanHdf.write(dir.resolve(RunFileNames.averages(it + 1)), vols);
    }

    /** The stand-in for a class with no average (Spec §7.7): zeros, spt_multiplicity 0. */
    public static Volume emptyClass(int box, double apix) {
        Volume z = Volume.cube(box).setApix(apix);
        z.header().put("spt_multiplicity", 0);
        return z;
    }

    /** fsc_NN_<k>.txt: spatial frequency (1/Å) and FSC between the half averages, one shell a line. */
    public void writeFsc(int it, int k, double[] fsc, int box, double apix) throws IOException {
        StringBuilder sb = new StringBuilder("# spatial_frequency_1/A\tFSC (gold-standard halves: even and odd particle index)\n");
        for (int s = 0; s < fsc.length; s++) {
            sb.append(String.format(Locale.ROOT, "%.6f\t%.6f%n", FourierShellCorrelation.shellFrequency(s, box, apix), fsc[s]));
        }
        AtomicFiles.writeString(dir.resolve(RunFileNames.fsc(it + 1, refTag(k))), sb.toString());
    }

    /** spt_cccs_<it>_<ref>.txt (--plots, §9): scores sorted best first, sign inverted, "rank\tvalue". */
    public void writeScorePlotData(int it, int k, AlignResult[][] results) throws IOException {
        double[] s = Arrays.stream(results).filter(r -> r[k] != null).mapToDouble(r -> -r[k].score()).sorted().toArray();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) sb.append(i).append('\t').append(s[s.length - 1 - i]).append('\n');
        AtomicFiles.writeString(dir.resolve(RunFileNames.scorePlotData(iterTag(it), refTag(k))), sb.toString());
    }

}
