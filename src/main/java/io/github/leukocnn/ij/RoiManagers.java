package io.github.leukocnn.ij;

import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

/** Finds the ROI Manager to add cells to, without ever replacing or resetting the user's one. */
public final class RoiManagers {

	private RoiManagers() {}

	/**
	 * The open ROI Manager, or the hidden one of a macro running in batch mode; otherwise a new ROI
	 * Manager window when there is a display. Null when headless: plain ImageJ 1 cannot create one
	 * there (it is an AWT window), so callers keep the ROIs on the overlay and say so.
	 */
	public static RoiManager forAdding() {
		try {
			// getInstance() includes the hidden manager of a macro in batch mode, which it creates
			// on first use: that throws HeadlessException in headless ImageJ 1.
			RoiManager rm = RoiManager.getInstance();
			if (rm != null || GraphicsEnvironment.isHeadless()) return rm;
			return RoiManager.getRoiManager();
		}
		catch (HeadlessException e) {
			return null;
		}
	}

	/** The open ROI Manager (or a batch macro's hidden one), never a new one; null if there is none or no display. */
	public static RoiManager existing() {
		try {
			return RoiManager.getInstance();
		}
		catch (HeadlessException e) {
			return null;
		}
	}

	/**
	 * The ROIs of one image among the ROI Manager's, which holds those of every image.
	 *
	 * @param kept the ROIs of the image, in their order
	 * @param otherImage left out: ROIs of other images
	 * @param withoutImage left out: ROIs with no image of their own, because ROIs of other images are present
	 * @param otherTitles titles of those other images
	 */
	public record OfImage(List<Roi> kept, int otherImage, int withoutImage, Set<String> otherTitles) {

		public int leftOut() {
			return otherImage + withoutImage;
		}
	}

	/**
	 * Picks the ROIs of {@code imp} from {@code rois}. A cell outline LeukoCNN added names its image
	 * ({@link CellDisplay#IMAGE_PROPERTY}): by its ID while that image is open (so renaming the image
	 * does not matter, nor another image of the same title), otherwise by its title (ROIs reloaded
	 * from a ROI set in a later session). A ROI drawn by hand and added to the ROI Manager belongs to
	 * the image it was drawn on (ImageJ's {@link Roi#getImageID}). A ROI with neither (e.g. opened from
	 * a ROI set made elsewhere) is kept only when no ROI of another image is present: the manager
	 * then holds one image's annotations; otherwise it cannot be told apart and is left out.
	 */
	public static OfImage ofImage(List<Roi> rois, ImagePlus imp) {
		Boolean[] belongs = new Boolean[rois.size()];
		int other = 0, unknown = 0;
		Set<String> titles = new TreeSet<>();
		for (int i = 0; i < belongs.length; i++) {
			belongs[i] = belongsTo(rois.get(i), imp);
			if (belongs[i] == null) unknown++;
			else if (!belongs[i]) {
				other++;
				titles.add(imageTitle(rois.get(i)));
			}
		}
		List<Roi> kept = new ArrayList<>();
		for (int i = 0; i < belongs.length; i++)
			if (Boolean.TRUE.equals(belongs[i]) || belongs[i] == null && other == 0) kept.add(rois.get(i));
		return new OfImage(kept, other, other == 0 ? 0 : unknown, titles);
	}

	/** True if {@code roi} belongs to {@code imp}, false if to another image, null if it names no image. */
	static Boolean belongsTo(Roi roi, ImagePlus imp) {
		String title = roi.getProperty(CellDisplay.IMAGE_PROPERTY), id = roi.getProperty(CellDisplay.IMAGE_ID_PROPERTY);
		if (title != null || id != null) {
			Integer imageId = parseId(id);
			if (imageId != null && imageId == imp.getID()) return true;
			if (imageId != null && WindowManager.getImage(imageId) != null) return false; // another open image's
			return title != null && title.equals(imp.getTitle());
		}
		int drawnOn = roi.getImageID();
		return drawnOn == 0 ? null : drawnOn == imp.getID();
	}

	private static String imageTitle(Roi roi) {
		String title = roi.getProperty(CellDisplay.IMAGE_PROPERTY);
		if (title != null) return title;
		ImagePlus drawnOn = roi.getImage() != null ? roi.getImage() : WindowManager.getImage(roi.getImageID());
		return drawnOn != null ? drawnOn.getTitle() : "an image no longer open, ID " + roi.getImageID();
	}

	private static Integer parseId(String id) {
		try {
			return id == null ? null : Integer.valueOf(id.trim());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}
}
