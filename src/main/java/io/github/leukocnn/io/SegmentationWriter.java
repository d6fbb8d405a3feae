package io.github.leukocnn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ij.gui.Roi;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.Segmentation;

/**
 * The files of one segmented image, all named after the image's stem NAME:
 * <ul>
 * <li>{@code NAME_cells.tif}: 16-bit whole-cell labels, 0 = background, ids 1..n;</li>
 * <li>{@code NAME_nuclei.tif}: 16-bit nucleus labels with the same ids;</li>
 * <li>{@code NAME_cells.csv}: one row per cell, columns {@link CellMeasurements#COLUMNS};</li>
 * <li>{@code NAME_RoiSet.zip}: ImageJ ROI Manager set, one traced polygon per cell, named
 * {@code cell-0001}… after its id.</li>
 * </ul>
 * The four are written together ({@link AtomicFiles.Group}): existing files are checked before
 * anything is written, and either all four are new or none is touched.
 */
public final class SegmentationWriter {

	public static final String CELLS_TIFF = "_cells.tif", NUCLEI_TIFF = "_nuclei.tif", CELLS_CSV = "_cells.csv", ROI_SET = "_RoiSet.zip";

	/** Suffixes of the files written per image, in writing order. */
	public static final List<String> SUFFIXES = List.of(CELLS_TIFF, NUCLEI_TIFF, CELLS_CSV, ROI_SET);

	/** Outline colour of the cell ROIs (yellow: visible on pink and purple). */
	public static final int ROI_COLOUR = 0xffff00;

	private SegmentationWriter() {}

	/** The ROI name of cell {@code id}: {@code cell-0001}; ids above 9999 get more digits. */
	public static String roiName(int id) {
		return String.format(Locale.ROOT, "cell-%04d", id);
	}

	/** The output files of stem {@code name} in {@code folder}, in the order of {@link #SUFFIXES}. */
	public static List<Path> outputs(Path folder, String name) {
		List<Path> paths = new ArrayList<>();
		for (String s : SUFFIXES)
			paths.add(folder.resolve(name + s));
		return paths;
	}

	/** One ROI per cell label, in id order. */
	public static List<Roi> cellRois(Segmentation segmentation) {
		return RoiSets.traceLabels(segmentation.cellPixels(), segmentation.width(), segmentation.height(),
			SegmentationWriter::roiName, id -> ROI_COLOUR);
	}

	/** Writes the four files of {@code segmentation} as {@code folder/name…}. */
	public static void write(Segmentation segmentation, Path folder, String name, boolean overwrite) throws IOException {
		List<Path> paths = outputs(folder, name);
		AtomicFiles.checkCanWrite(paths, overwrite);
		List<Object[]> rows = new ArrayList<>();
		for (CellMeasurements m : segmentation.measurements())
			rows.add(m.values());
		List<Roi> rois = cellRois(segmentation);
		try (AtomicFiles.Group group = new AtomicFiles.Group(overwrite)) {
			LabelTiffWriter.write(group, paths.get(0), segmentation.cells());
			LabelTiffWriter.write(group, paths.get(1), segmentation.nuclei());
			CsvWriter.write(group, paths.get(2), Arrays.asList(CellMeasurements.COLUMNS), rows);
			RoiSets.write(group, paths.get(3), rois);
			group.commit();
		}
	}
}
