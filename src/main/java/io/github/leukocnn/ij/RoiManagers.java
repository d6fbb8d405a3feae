package io.github.leukocnn.ij;

import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;

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
		RoiManager rm = RoiManager.getInstance(); // includes the batch-mode manager of a running macro
		if (rm != null) return rm;
		if (GraphicsEnvironment.isHeadless()) return null;
		try {
			return RoiManager.getRoiManager();
		}
		catch (HeadlessException e) {
			return null;
		}
	}
}
