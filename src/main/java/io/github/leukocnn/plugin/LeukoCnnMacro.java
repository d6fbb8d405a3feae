package io.github.leukocnn.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.FileInfo;
import io.github.leukocnn.ij.CellDisplay;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.FieldDisplay;
import io.github.leukocnn.io.AtomicFiles;
import io.github.leukocnn.io.ImageInputException;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.io.SegmentationWriter;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.segment.Segmentation;

/**
 * Helpers for macros, called with {@code call("io.github.leukocnn.plugin.LeukoCnnMacro.NAME", ...)}.
 * They work the same with and without a display (headless ImageJ 1 has neither ROI Manager nor
 * table windows). Those that do something return "" on success or an error message; none throws
 * into the macro, so a batch macro can report a bad image and go on.
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
			Path file = Path.of(path).toAbsolutePath();
			ImagePlus imp = SmearImages.open(file);
			if (imp.getOriginalFileInfo() == null) { // remember where it came from, as File > Open does
				FileInfo fi = new FileInfo();
				fi.directory = file.getParent().toString() + File.separator;
				fi.fileName = file.getFileName().toString();
				imp.setFileInfo(fi);
			}
			imp.show();
			if (WindowManager.getCurrentImage() != imp) WindowManager.setTempCurrentImage(imp);
			return "";
		}
		catch (ImageInputException e) {
			return e.getMessage();
		}
		catch (RuntimeException e) {
			return path + " could not be opened: " + e;
		}
	}

	/** LeukoCNN's cell outlines on the overlay of {@code imp}, in cell order. */
	static List<Roi> cellRois(ImagePlus imp) {
		List<Roi> rois = new ArrayList<>();
		Overlay overlay = imp == null ? null : imp.getOverlay();
		if (overlay == null) return rois;
		for (Roi roi : overlay.toArray())
			if (CellDisplay.CELL.equals(roi.getProperty(CellDisplay.ROI_PROPERTY))) rois.add(roi);
		return rois;
	}

	/** Number of leukocytes LeukoCNN found in the current image ("0" if it was not segmented). */
	public static String cellCount() {
		Segmentation s = CellDisplay.segmentationOf(WindowManager.getCurrentImage());
		return String.valueOf(s == null ? 0 : s.cellCount());
	}

	/**
	 * Saves the current image's segmentation as the command line's {@code segment} verb does:
	 * {@code folder/name_cells.tif, _nuclei.tif, _cells.csv, _RoiSet.zip}, all or none, never
	 * replacing existing files unless {@code overwrite} is "true".
	 */
	public static String saveSegmentation(String folder, String name, String overwrite) {
		Segmentation s = CellDisplay.segmentationOf(WindowManager.getCurrentImage());
		if (s == null) return "the current image has not been segmented (run Segment Leukocytes first)";
		return save(() -> SegmentationWriter.write(s, Path.of(folder), name, Boolean.parseBoolean(overwrite)));
	}

	/**
	 * Saves LeukoCNN's outlines on the current image's overlay, named and coloured by class as Classify
	 * Leukocytes shows them ("pre 0.97 #7"), as {@code folder/name_classified_RoiSet.zip} (the file
	 * name of the command line's classify verb). Refused when the image has no classification, e.g.
	 * after Segment Leukocytes: its outlines would be saved unclassified under a "classified" name.
	 */
	public static String saveClassifiedRois(String folder, String name, String overwrite) {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) return "No image open: open and classify a smear image first.";
		if (FieldDisplay.reportOf(imp) == null)
			return "'" + imp.getTitle() + "' has not been classified (its LeukoCNN outlines, if any, are from Segment Leukocytes):" +
				" run Classify Leukocytes first";
		List<Roi> rois = cellRois(imp);
		if (rois.isEmpty()) return "the current image has no LeukoCNN outlines (run Classify Leukocytes first)";
		Path target = Path.of(folder, name + ClassifyBatch.ROI_SUFFIX);
		return save(() -> RoiSets.write(target, Boolean.parseBoolean(overwrite), rois));
	}

	/** Number of rows of a LeukoCNN table ("LeukoCNN Cells" or "LeukoCNN Fields"). */
	public static String tableSize(String title) {
		String error = checkTitle(title);
		return error != null ? error : String.valueOf(CellTables.get(title).size());
	}

	/** Empties a LeukoCNN table, e.g. before a batch. */
	public static String resetTable(String title) {
		String error = checkTitle(title);
		if (error != null) return error;
		CellTables.reset(title);
		return "";
	}

	/** Saves a LeukoCNN table as CSV, atomically; an existing file is kept unless overwrite is "true". */
	public static String saveTable(String title, String path, String overwrite) {
		String error = checkTitle(title);
		if (error != null) return error;
		return save(() -> AtomicFiles.writeString(Path.of(path), Boolean.parseBoolean(overwrite), CellTables.csv(CellTables.get(title))));
	}

	private interface FileWrite {
		void run() throws IOException;
	}

	/** Runs a write for a macro: "" when done, otherwise the reason (macros read results, not exceptions). */
	private static String save(FileWrite write) {
		try {
			write.run();
			return "";
		}
		catch (AtomicFiles.OutputExistsException e) {
			return e.getFile() + " already exists; it is not replaced unless overwrite is true";
		}
		catch (IOException | RuntimeException e) {
			return e.getMessage();
		}
	}

	private static String checkTitle(String title) {
		if (CellTables.CELLS.equals(title) || CellTables.FIELDS.equals(title)) return null;
		return "unknown table '" + title + "': LeukoCNN's tables are '" + CellTables.CELLS + "' and '" + CellTables.FIELDS + "'";
	}

	/**
	 * Output file stems for the files of a batch, as the command line gives them
	 * ({@link io.github.leukocnn.batch.OutputNames}): {@code s.png} and {@code s.tif} become
	 * {@code s_png} and {@code s_tif}, a unique stem stays as it is.
	 *
	 * @param files the batch's file names (relative to its input folder), in batch order, one per line
	 * @return their stems, one per line in the same order; "" if a name is not a valid path
	 */
	public static String outputNames(String files) {
		try {
			List<Path> paths = new ArrayList<>();
			for (String name : files.split("\n"))
				if (!name.isEmpty()) paths.add(Path.of(name));
			return String.join("\n", io.github.leukocnn.batch.OutputNames.assign(paths));
		}
		catch (RuntimeException e) {
			return "";
		}
	}

	/**
	 * Checks, before a batch does any work, that a table can be saved as {@code path} at its end:
	 * "" if so, otherwise why not (the file exists and overwrite is not "true", a folder is in the
	 * way, the folder is not writable).
	 */
	public static String checkTableFile(String path, String overwrite) {
		try {
			Path file = Path.of(path).toAbsolutePath();
			if (java.nio.file.Files.isDirectory(file)) return file + " is a folder, so the table cannot be saved under that name";
			if (java.nio.file.Files.exists(file) && !Boolean.parseBoolean(overwrite))
				return file + " already exists; it is not replaced unless overwrite is true";
			Path folder = file.getParent();
			if (folder != null && !java.nio.file.Files.isWritable(folder)) return "cannot write into " + folder;
			return "";
		}
		catch (RuntimeException e) {
			return path + ": " + e.getMessage();
		}
	}

	/**
	 * Removes the rows of a LeukoCNN table from row {@code from} (0-based) on, e.g. the rows a batch
	 * added for an image whose results could not be saved. Earlier rows stay.
	 */
	public static String removeTableRows(String title, String from) {
		String error = checkTitle(title);
		if (error == null) error = checkRow(from);
		if (error != null) return error;
		int first = Math.max(0, Integer.parseInt(from.trim()));
		ij.measure.ResultsTable rt = CellTables.get(title);
		if (first < rt.size()) {
			rt.deleteRows(first, rt.size() - 1);
			if (!java.awt.GraphicsEnvironment.isHeadless() && ij.measure.ResultsTable.getResultsTable(title) == rt) rt.show(title);
		}
		return "";
	}

	/**
	 * Saves the rows of a LeukoCNN table from row {@code from} (0-based) on as CSV, atomically, e.g.
	 * the rows of a batch without the session's earlier ones; the table itself is unchanged. An
	 * existing file is kept unless overwrite is "true".
	 */
	public static String saveTableRows(String title, String path, String from, String overwrite) {
		String error = checkTitle(title);
		if (error == null) error = checkRow(from);
		if (error != null) return error;
		int first = Integer.parseInt(from.trim());
		ij.measure.ResultsTable part = (ij.measure.ResultsTable) CellTables.get(title).clone();
		int drop = Math.min(first, part.size());
		if (drop > 0) part.deleteRows(0, drop - 1);
		return save(() -> AtomicFiles.writeString(Path.of(path), Boolean.parseBoolean(overwrite), CellTables.csv(part)));
	}

	/** null if {@code from} is a row number, otherwise why not. */
	private static String checkRow(String from) {
		try {
			Integer.parseInt(from.trim());
			return null;
		}
		catch (NumberFormatException e) {
			return "row '" + from + "' is not a row number";
		}
	}
}
