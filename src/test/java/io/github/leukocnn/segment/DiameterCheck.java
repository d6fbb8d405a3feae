package io.github.leukocnn.segment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import ij.process.ColorProcessor;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.segment.eval.MaskImages;
import io.github.leukocnn.segment.eval.VocBoxes;

/**
 * Developer tool: the leukocyte estimate ({@link DiameterEstimator}) and the red-cell ruler
 * ({@link RedCellRuler}) per image, against a reference where the data set has one (wbc-masks: the
 * leukocyte mask's diameter; bccd: the WBC box), and their spread within each all-taleqani folder.
 * Usage: {@code DiameterCheck DATA STEP} (every STEP-th image).
 */
public final class DiameterCheck {

	public static void main(String[] args) throws Exception {
		Path data = Path.of(args[0]);
		int step = Integer.parseInt(args[1]);
		for (String folder : new String[] { "benign", "early", "pre", "pro" }) {
			List<Double> est = new ArrayList<>(), ruler = new ArrayList<>();
			List<Path> p = list(data.resolve("all-taleqani/" + folder));
			for (int i = 0; i < p.size(); i += step) {
				double[] r = row("all-taleqani/" + folder, p.get(i), Double.NaN);
				est.add(r[0]);
				if (r[1] > 0) ruler.add(r[1]);
			}
			System.out.printf("all-taleqani/%s: ruler reliable on %d/%d, median %.1f px, 90th/10th percentile %.2f; " +
				"leukocyte estimate median %.1f px, 90th/10th %.2f%n", folder, ruler.size(), est.size(), q(ruler, 0.5),
				q(ruler, 0.9) / q(ruler, 0.1), q(est, 0.5), q(est, 0.9) / q(est, 0.1));
		}
		List<Double> est = new ArrayList<>(), ruler = new ArrayList<>();
		List<Path> w = list(data.resolve("wbc-masks/images"));
		for (int i = 0; i < w.size(); i += step) {
			String id = w.get(i).getFileName().toString().replace(".bmp", "");
			int[] m = MaskImages.readGrey(data.resolve("wbc-masks/masks/" + id + ".png"), new int[2]);
			int a = 0;
			for (int v : m)
				if (v > 0) a++;
			double truth = 2 * Math.sqrt(a / Math.PI);
			double[] r = row("wbc-masks", w.get(i), truth);
			est.add(r[0] / truth);
			if (r[1] > 0) ruler.add(r[1] / truth);
		}
		summary("wbc-masks", "leukocyte mask diameter", est, ruler);
		est.clear();
		ruler.clear();
		List<Path> b = list(data.resolve("bccd/images"));
		for (int i = 0; i < b.size(); i += step) {
			String id = b.get(i).getFileName().toString().replace(".jpg", "");
			List<VocBoxes.Box> boxes = VocBoxes.read(data.resolve("bccd/annotations/" + id + ".xml"), "WBC");
			if (boxes.isEmpty()) continue;
			VocBoxes.Box x = boxes.get(0);
			double box = Math.sqrt((x.xmax() - x.xmin()) * (x.ymax() - x.ymin()));
			double[] r = row("bccd", b.get(i), box);
			est.add(r[0] / box);
			if (r[1] > 0) ruler.add(r[1] / box);
		}
		summary("bccd", "WBC box side", est, ruler);
	}

	/** Prints one image's line; returns {leukocyte estimate, reliable ruler or NaN}. */
	private static double[] row(String set, Path f, double reference) throws Exception {
		ColorProcessor cp = SmearImages.openRgb(f);
		double est = DiameterEstimator.estimate(cp);
		RedCellRuler.Measurement m = RedCellRuler.measure(cp);
		System.out.printf("%s %s reference %.1f estimate %.1f ruler %.1f reliable %b red %.3f cells %.1f share %.2f%n", set,
			f.getFileName(), reference, est, m.diameter(), m.reliable(), m.redFraction(), m.peakCells(), m.peakShare());
		return new double[] { est, m.reliable() ? m.diameter() : Double.NaN };
	}

	private static void summary(String set, String reference, List<Double> est, List<Double> ruler) {
		System.out.printf("%s: estimate / %s median %.2f (10th-90th %.2f-%.2f); ruler reliable on %d/%d, ruler / %s " +
			"median %.2f (10th-90th %.2f-%.2f)%n", set, reference, q(est, 0.5), q(est, 0.1), q(est, 0.9), ruler.size(), est.size(),
			reference, q(ruler, 0.5), q(ruler, 0.1), q(ruler, 0.9));
	}

	private static double q(List<Double> v, double p) {
		if (v.isEmpty()) return Double.NaN;
		double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(s);
		return s[Math.min(s.length - 1, (int) (p * s.length))];
	}

	static List<Path> list(Path dir) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.sorted().toList();
		}
	}
}
