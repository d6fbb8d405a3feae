package io.github.leukocnn.segment.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The image files of an evaluation data set laid out as {@code images/} beside a label folder. */
final class DataSetFiles {

	private DataSetFiles() {}

	/**
	 * The files of {@code dir/images} ending in {@code extension}, sorted by name; {@code step} > 1
	 * takes every step-th (a deterministic subset for quick checks).
	 *
	 * @param labels the folder of ground truth that must sit beside {@code images/}
	 * @param dataSet the data set's name, for the error message
	 */
	static List<Path> images(Path dir, String labels, String extension, String dataSet, int step) throws IOException {
		Path images = dir.resolve("images");
		if (!Files.isDirectory(images) || !Files.isDirectory(dir.resolve(labels)))
			throw new IOException("not a " + dataSet + " folder (needs images/ and " + labels + "/): " + dir);
		List<Path> all;
		try (Stream<Path> s = Files.list(images)) {
			all = s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(extension)).sorted().toList();
		}
		List<Path> out = new ArrayList<>();
		for (int i = 0; i < all.size(); i += Math.max(1, step))
			out.add(all.get(i));
		return out;
	}
}
