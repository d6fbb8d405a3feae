package io.github.leukocnn.segment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.segment.eval.SegmentationBenchmark;

/**
 * Developer tool: one hash line per image and setting (cell labels, nucleus labels, measurements,
 * diameter), for checking that a speed change leaves the output identical (java SegIdentity DATA &gt; FILE,
 * then compare the files of two versions). 1489 runs: every wbc-masks and BCCD image, every 8th
 * all-taleqani and every 60th pbc image; every 4th image also with diameters 40 and 90; the tiled
 * 2592×1944 field with estimated and given diameter, 1 and 2 threads.
 */
public final class SegIdentity {

	public static void main(String[] args) throws Exception {
		Path data = Path.of(args[0]);
		List<Path> files = new ArrayList<>();
		files.addAll(list(data.resolve("wbc-masks/images"), "", 1));
		files.addAll(list(data.resolve("bccd/images"), "", 1));
		files.addAll(list(data.resolve("all-taleqani"), ".jpg", 8));
		files.addAll(list(data.resolve("pbc"), ".jpg", 60));
		SmearSegmenter seg = new SmearSegmenter();
		int k = 0;
		for (Path f : files) {
			ColorProcessor cp = SmearImages.openRgb(f);
			double[] ds = k++ % 4 == 0 ? new double[] { 0, 40, 90 } : new double[] { 0 };
			for (double d : ds) {
				Segmentation s = seg.segment(RgbImages.wrap(cp), new SegmentationSettings(d, 1, null));
				System.out.println(f.getFileName() + " d=" + d + " " + Arrays.hashCode(s.cellPixels()) + " " +
					Arrays.hashCode(s.nucleusPixels()) + " " + s.measurements().hashCode() + " " + s.cellDiameter());
			}
		}
		List<ColorProcessor> b = SegmentationBenchmark.load(data.resolve("bccd/images"), ".jpg", 6, 20);
		ColorProcessor big = SegmentationBenchmark.tiled(b, 2592, 1944);
		for (double d : new double[] { 0, 150 })
			for (int threads : new int[] { 1, 2 }) {
				Segmentation s = seg.segment(RgbImages.wrap(big), new SegmentationSettings(d, threads, null));
				System.out.println("big d=" + d + " t=" + threads + " " + Arrays.hashCode(s.cellPixels()) + " " +
					Arrays.hashCode(s.nucleusPixels()) + " " + s.measurements().hashCode());
			}
		System.exit(0);
	}

	private static List<Path> list(Path dir, String extension, int step) throws Exception {
		List<Path> all;
		try (Stream<Path> s = Files.walk(dir)) {
			all = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(extension)).sorted().toList();
		}
		List<Path> out = new ArrayList<>();
		for (int i = 0; i < all.size(); i += step)
			out.add(all.get(i));
		return out;
	}
}
