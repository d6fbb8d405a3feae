package io.github.leukocnn.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import io.github.leukocnn.ij.CellDisplay;
import io.github.leukocnn.ij.CellTables;

/**
 * Helpers for macros, called with {@code call("io.github.leukocnn.plugin.LeukoCnnMacro.NAME", ...)}.
 * They work the same with and without a display (headless ImageJ 1 has neither ROI Manager nor
 * table windows). Each returns "" on success or an error message, never throws into the macro.
 */
public final class LeukoCnnMacro {

	private LeukoCnnMacro() {}

	private static volatile String lastError = "";

	/** Error message of the last LeukoCNN plugin run, "" if it succeeded. */
	public static String lastError() {
		return lastError;
	}

	static void setLastError(String message) {
		lastError = message == null ? "" : message;
	}

	/**
	 * Opens a smear image and makes it the current image (in a batch-mode macro, without a window).
	 * Unlike the macro function open(), a damaged or unreadable file does not abort the macro.
	 */
	public static String openSmear(String path) {
		try {
			// TODO io.SmearImages.open once on main (damaged/truncated files, clearer messages)
			ImagePlus imp = ij.IJ.openImage(path);
			if (imp == null) return path + " is not an image ImageJ can open";
			imp.show();
			if (WindowManager.getCurrentImage() != imp) WindowManager.setTempCurrentImage(imp);
			return "";
		}
		catch (RuntimeException e) {
			return path + " could not be opened: " + e.getMessage();
		}
	}

	/** Number of rows of the "LeukoCNN Cells" table. */
	public static String cellTableSize() {
		return String.valueOf(CellTables.get(CellTables.CELLS).size());
	}

	/** Empties the "LeukoCNN Cells" table (e.g. between the images of a batch). */
	public static String resetCellTable() {
		CellTables.reset(CellTables.CELLS);
		return "";
	}

	/** Saves the "LeukoCNN Cells" table as CSV; refuses to replace a file unless overwrite is "true". */
	public static String saveCellTable(String path, String overwrite) {
		ResultsTable rt = CellTables.get(CellTables.CELLS);
		return save(path, overwrite, tmp -> rt.saveAs(tmp.toString()));
	}

	/** Number of LeukoCNN cell outlines on the current image's overlay. */
	public static String cellRoiCount() {
		return String.valueOf(cellRois(WindowManager.getCurrentImage()).size());
	}

	/** Saves the LeukoCNN cell outlines of the current image's overlay as an ROI set (.zip). */
	public static String saveCellRois(String path, String overwrite) {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) return "no image open";
		List<Roi> rois = cellRois(imp);
		return save(path, overwrite, tmp -> writeRoiZip(tmp, rois));
	}

	static List<Roi> cellRois(ImagePlus imp) {
		List<Roi> rois = new ArrayList<>();
		Overlay overlay = imp == null ? null : imp.getOverlay();
		if (overlay == null) return rois;
		for (Roi roi : overlay.toArray())
			if (roi.getProperty(CellDisplay.ROI_PROPERTY) != null) rois.add(roi);
		return rois;
	}

	// TODO use io.RoiSets.write once on main
	private static void writeRoiZip(Path file, List<Roi> rois) throws IOException {
		try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file));
			var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(zip)))
		{
			ij.io.RoiEncoder encoder = new ij.io.RoiEncoder(out);
			for (Roi roi : rois) {
				zip.putNextEntry(new java.util.zip.ZipEntry(roi.getName() + ".roi"));
				encoder.write(roi);
				out.flush();
			}
		}
	}

	private interface Writer {
		void write(Path tmp) throws IOException;
	}

	/** Writes through a temporary file beside the target, then moves it in place: no half-written files. */
	private static String save(String path, String overwrite, Writer writer) {
		if (path == null || path.isBlank()) return "no file name given";
		Path target = Path.of(path).toAbsolutePath();
		if (Files.exists(target) && !Boolean.parseBoolean(overwrite))
			return target + " exists: not replaced (pass overwrite=true to replace it)";
		Path tmp = null;
		try {
			Files.createDirectories(target.getParent());
			String name = target.getFileName().toString();
			tmp = Files.createTempFile(target.getParent(), ".tmp-", "-" + name);
			writer.write(tmp);
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return "";
		}
		catch (IOException | RuntimeException e) {
			try {
				if (tmp != null) Files.deleteIfExists(tmp);
			}
			catch (IOException ignored) {
				// the message below is what matters
			}
			return "could not write " + target + ": " + e.getMessage();
		}
	}
}
