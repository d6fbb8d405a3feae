package io.github.leukocnn.segment;

import java.nio.file.Path;
import java.util.List;

import ij.process.ColorProcessor;
import io.github.leukocnn.segment.eval.SegmentationBenchmark;

/** Developer tool: time per stage of the taleqani path (java SegStages DATA D SECONDS). */
public final class SegStages {
	public static void main(String[] a) throws Exception {
		List<ColorProcessor> f = SegmentationBenchmark.load(Path.of(a[0]).resolve("all-taleqani"), ".jpg", 37, 60);
		double d = Double.parseDouble(a[1]);
		long secs = Long.parseLong(a[2]);
		String[] names = { "features", "nuclei", "grow", "fullres", "measure" };
		long[] t = new long[names.length];
		long end = System.nanoTime() + secs * 1_000_000_000L;
		int n = 0;
		double crop = 0;
		while (System.nanoTime() < end) {
			for (ColorProcessor cp : f) {
				int[] argb = (int[]) cp.getPixels();
				int w = cp.getWidth(), h = cp.getHeight();
				long t0 = System.nanoTime();
				StainFeatures sf = StainFeatures.compute(argb, w, h, 1);
				long t1 = System.nanoTime();
				NucleusGroups ng = NucleusGroups.find(sf, d);
				long t2 = System.nanoTime();
				int[] cells = CellGrower.grow(sf, ng, d);
				long t3 = System.nanoTime();
				short[] cl = new short[w * h], nl = new short[w * h];
				for (int i = 0; i < cells.length; i++)
					cl[i] = (short) cells[i];
				FullResolutionNuclei.threshold(argb, sf.white, ng.threshold, cl, nl, ng.count, 1, w);
				long t4 = System.nanoTime();
				CellMeasurer.measure(cl, nl, argb, w, h, ng.count);
				long t5 = System.nanoTime();
				t[0] += t1 - t0; t[1] += t2 - t1; t[2] += t3 - t2; t[3] += t4 - t3; t[4] += t5 - t4;
				n++;
				int x0 = w, x1 = -1, y0 = h, y1 = -1;
				for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if (ng.labels[y * w + x] != 0) {
					x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
				int m = (int) Math.ceil(0.62 * d) + 2;
				if (x1 >= 0) crop += (double) (Math.min(w - 1, x1 + m) - Math.max(0, x0 - m) + 1) * (Math.min(h - 1, y1 + m) - Math.max(0, y0 - m) + 1) / (w * h);
			}
		}
		long tot = 0;
		for (long x : t) tot += x;
		for (int i = 0; i < t.length; i++)
			System.out.printf("%-9s %.3f ms (%.0f%%)%n", names[i], t[i] / 1e6 / n, 100.0 * t[i] / tot);
		System.out.printf("total %.3f ms/field over %d, crop fraction %.2f%n", tot / 1e6 / n, n, crop / n);
		System.exit(0);
	}
}
