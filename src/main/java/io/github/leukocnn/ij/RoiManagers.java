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
}
