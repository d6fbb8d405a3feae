package io.github.leukocnn.testutil;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

/** Tiny synthetic "smears" for command tests: dark purple discs on white, as PNG files. */
public final class DiscFields {

	private DiscFields() {}

	/** A 200×80 white field with discs of the given radii along its middle row, saved as {@code folder/name}. */
	public static Path write(Path folder, String name, int... radii) throws IOException {
		ColorProcessor cp = new ColorProcessor(200, 80);
		cp.setColor(Color.WHITE);
		cp.fill();
		cp.setColor(new Color(80, 40, 120));
		int x = 20;
		for (int r : radii) {
			cp.fillOval(x, 40 - r, 2 * r, 2 * r);
			x += 2 * r + 15;
		}
		Files.createDirectories(folder);
		Path file = folder.resolve(name);
		if (!new FileSaver(new ImagePlus(name, cp)).saveAsPng(file.toString())) throw new IOException("could not write " + file);
		return file;
	}
}
