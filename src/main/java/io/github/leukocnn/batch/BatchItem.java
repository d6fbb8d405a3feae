package io.github.leukocnn.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One input image of a batch.
 *
 * @param file the image file (the input path, resolved with {@code relativePath})
 * @param relativePath path below the input folder (just the file name for a single-file input)
 * @param outputName stem of this image's output files, unique within the batch (see {@link OutputNames})
 * @param outputFolder the batch's output folder
 */
public record BatchItem(Path file, Path relativePath, String outputName, Path outputFolder) {

	/** The output file {@code outputName + suffix}, e.g. {@code output("_cells.tif")}. */
	public Path output(String suffix) {
		return outputFolder.resolve(outputName + suffix);
	}

	/** {@link #output(String)} of each suffix, in order. */
	public List<Path> outputs(List<String> suffixes) {
		List<Path> paths = new ArrayList<>(suffixes.size());
		for (String s : suffixes)
			paths.add(output(s));
		return paths;
	}
}
