package io.github.leukocnn.plugin;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.io.FileInfo;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;
import io.github.leukocnn.ij.RoiManagers;
import io.github.leukocnn.io.AtomicFiles;
import io.github.leukocnn.io.RoiSets;

/**
 * Plugins > LeukoCNN > Save Cell Annotations: saves the cells of the current image, named by class,
 * as the ROI set {@code NAME_rois.zip} beside the image: the training input of kind "roi-sets".
 * The ROIs are those of the ROI Manager that belong to this image ({@link RoiManagers#ofImage}: the
 * manager is shared by all images and LeukoCNN only appends to it; ROIs of other images are left out
 * and counted in the Log), or (without any, e.g. headless) LeukoCNN's outlines on the overlay. A ROI's class is its group name, else its name up to the first space, '-', '_' or '#'
 * (so rename "cell-0007" to e.g. "blast" or "blast-7"). Macro: {@code run("Save Cell Annotations", "overwrite");}
 */
public class SaveAnnotationsPlugin implements PlugIn {

	static final String TITLE = "Save Cell Annotations";

	/** Suffix of annotation ROI sets, read by the trainer beside NAME.ext. */
	public static final String SUFFIX = "_rois.zip";

	@Override
	public void run(String arg) {
		ImagePlus imp = WindowManager.getCurrentImage();
		PluginDialog gd = new PluginDialog(TITLE);
		gd.addString("folder", folderOf(imp));
		gd.addCheckbox("overwrite", false);
		if (!gd.show()) return;
		PluginRun.run(TITLE, () -> { // reading the fields may fail too (e.g. model=unknown in a macro)
			String folder = gd.nextString();
			boolean overwrite = gd.nextBoolean();
			if (imp == null) throw new IllegalArgumentException("No image open: open the annotated smear image first.");
			if (folder == null || folder.isBlank())
				throw new IllegalArgumentException("'" + imp.getTitle() + "' has no folder (not opened from a file): give folder=...");
			List<Roi> rois = annotations(imp);
			if (rois.isEmpty())
				throw new IllegalArgumentException("no cell ROIs to save for '" + imp.getTitle() +
					"': add them to the ROI Manager (or run Segment Leukocytes on it); ROIs of other images are not saved with it");
			Path target = Path.of(folder, baseName(imp) + SUFFIX);
			try {
				RoiSets.write(target, overwrite, rois);
			}
			catch (AtomicFiles.OutputExistsException e) {
				throw new IllegalArgumentException(target + " already exists; tick overwrite to replace it");
			}
			IJ.showStatus(TITLE + ": " + rois.size() + " ROIs written to " + target);
		});
	}

	/**
	 * The ROI Manager's ROIs of {@code imp} if it has any ({@link RoiManagers#ofImage}: the manager
	 * holds every image's cells), else LeukoCNN's cell outlines on the overlay. ROIs of other images
	 * are left out, and the Log says how many.
	 */
	static List<Roi> annotations(ImagePlus imp) {
		RoiManager rm = RoiManagers.existing();
		if (rm == null || rm.getCount() == 0) return LeukoCnnMacro.cellRois(imp);
		RoiManagers.OfImage mine = RoiManagers.ofImage(Arrays.asList(rm.getRoisAsArray()), imp);
		if (mine.leftOut() > 0)
			IJ.log(TITLE + ": " + leftOutMessage(mine, imp));
		if (!mine.kept().isEmpty()) return mine.kept();
		List<Roi> overlay = LeukoCnnMacro.cellRois(imp);
		if (!overlay.isEmpty())
			IJ.log(TITLE + ": the ROI Manager has no ROIs of '" + imp.getTitle() + "': saving LeukoCNN's " + overlay.size() +
				" outlines on its overlay");
		return overlay;
	}

	static String leftOutMessage(RoiManagers.OfImage mine, ImagePlus imp) {
		String s = "left out " + mine.otherImage() + " ROI(s) of the ROI Manager that belong to other images (" +
			String.join(", ", mine.otherTitles()) + ")";
		if (mine.withoutImage() > 0)
			s += " and " + mine.withoutImage() + " that belong to no image (added without one, e.g. from a ROI set), " +
				"as they cannot be told apart";
		return s + "; saving the " + mine.kept().size() + " of '" + imp.getTitle() + "'";
	}

	static String folderOf(ImagePlus imp) {
		FileInfo fi = imp == null ? null : imp.getOriginalFileInfo();
		return fi == null || fi.directory == null ? "" : fi.directory;
	}

	static String baseName(ImagePlus imp) {
		FileInfo fi = imp.getOriginalFileInfo();
		String name = fi != null && fi.fileName != null && !fi.fileName.isEmpty() ? fi.fileName : imp.getTitle();
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}
}
