package io.github.leukocnn.synth;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import io.github.leukocnn.io.AtomicFiles;
import io.github.leukocnn.io.CsvWriter;
import io.github.leukocnn.io.JpegWriter;
import io.github.leukocnn.io.PngWriter;

/**
 * Saves a {@link SyntheticField}: {@code NAME.png} or {@code NAME.jpg} (the smear) in the output folder and, in its
 * {@value #GROUND_TRUTH} subfolder, {@code NAME_cells.png} and {@code NAME_nuclei.png} (16-bit
 * grey PNG labels, 0 = background, same ids; PNG rather than TIFF because it compresses labels
 * about 100-fold and ImageJ opens it as 16-bit) and {@code NAME_truth.csv} ({@link TrueCell#COLUMNS}).
 */
public final class SyntheticFieldWriter {

	public static final String GROUND_TRUTH = "ground-truth";

	private SyntheticFieldWriter() {}

	/** Image file format of the smear: PNG (lossless) or JPEG (quality 0.92, a tenth of the size). */
	public enum Format {
		PNG("png"), JPEG("jpg");

		public final String extension;

		Format(String extension) {
			this.extension = extension;
		}
	}

	/** The files {@link #write} creates for stem {@code name}. */
	public static List<Path> outputs(Path folder, String name, Format format) {
		Path gt = folder.resolve(GROUND_TRUTH);
		return List.of(folder.resolve(name + "." + format.extension), gt.resolve(name + "_cells.png"), gt.resolve(name + "_nuclei.png"),
			gt.resolve(name + "_truth.csv"));
	}

	public static void write(SyntheticField field, Path folder, String name, Format format, boolean overwrite) throws IOException {
		List<Path> paths = outputs(folder, name, format);
		AtomicFiles.checkCanWrite(paths, overwrite);
		Files.createDirectories(folder.resolve(GROUND_TRUTH));
		List<Object[]> rows = new ArrayList<>();
		for (TrueCell c : field.truth())
			rows.add(c.values());
		try (AtomicFiles.Group group = new AtomicFiles.Group(overwrite)) {
			if (format == Format.PNG) PngWriter.write(group, paths.get(0), field.rgb());
			else JpegWriter.write(group, paths.get(0), field.rgb(), 0.92f);
			writeLabels(group, paths.get(1), field.cells(), field.width(), field.height());
			writeLabels(group, paths.get(2), field.nuclei(), field.width(), field.height());
			CsvWriter.write(group, paths.get(3), Arrays.asList(TrueCell.COLUMNS), rows);
			group.commit();
		}
	}

	private static void writeLabels(AtomicFiles.Group group, Path target, short[] labels, int w, int h) throws IOException {
		BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
		image.getRaster().setDataElements(0, 0, w, h, labels);
		group.write(target, out -> {
			if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG encoder available");
		});
	}
}
