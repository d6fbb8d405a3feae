package io.github.leukocnn.segment.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.SegmentationSettings;

/** Timing of segmenters on in-memory fields, in one JVM after warm-up: median milliseconds per field. */
public final class SegmentationBenchmark {

	private SegmentationBenchmark() {}

	/** Reads every {@code step}-th image (sorted by name) of a folder tree with the given extension. */
	public static List<ColorProcessor> load(Path dir, String extension, int step, int max) throws IOException {
		List<Path> files;
		try (Stream<Path> s = Files.walk(dir)) {
			files = s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(extension)).sorted().toList();
		}
		List<ColorProcessor> out = new ArrayList<>();
		for (int i = 0; i < files.size() && out.size() < max; i += Math.max(1, step))
			out.add(io.github.leukocnn.io.SmearImages.openRgb(files.get(i)));
		return out;
	}

	/**
	 * A large synthetic field: the given fields tiled (row-major, repeating) into width × height, the
	 * size of a 5 MP microscope camera frame.
	 */
	public static ColorProcessor tiled(List<ColorProcessor> fields, int width, int height) {
		ColorProcessor big = new ColorProcessor(width, height);
		int k = 0;
		for (int y = 0; y < height; y += fields.get(0).getHeight())
			for (int x = 0; x < width; x += fields.get(0).getWidth())
				big.insert(fields.get(k++ % fields.size()), x, y);
		return big;
	}

	/** Median milliseconds per image; every image is segmented once per round, warm-up rounds untimed. */
	public static double medianMillis(LeukocyteSegmenter segmenter, SegmentationSettings settings,
		List<ColorProcessor> images, int warmupRounds, int rounds)
	{
		for (int r = 0; r < warmupRounds; r++)
			for (ColorProcessor cp : images)
				segmenter.segment(RgbImages.wrap(cp), settings);
		double[] ms = new double[images.size() * rounds];
		int k = 0;
		for (int r = 0; r < rounds; r++)
			for (ColorProcessor cp : images) {
				long t0 = System.nanoTime();
				segmenter.segment(RgbImages.wrap(cp), settings);
				ms[k++] = (System.nanoTime() - t0) / 1e6;
			}
		Arrays.sort(ms);
		return ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
	}
}
