package io.github.leukocnn.ij;

import java.util.function.BooleanSupplier;

import ij.IJ;
import io.github.leukocnn.progress.ProgressListener;

/**
 * Forwards core progress to ImageJ's status bar and progress bar; Esc (or the extra condition, e.g.
 * a SciJava command's cancel) stops the operation.
 */
public final class ImageJProgress implements ProgressListener {

	private final String task;
	private final BooleanSupplier cancelled;

	/** @param task prefix of status messages, e.g. "LeukoCNN" */
	public ImageJProgress(String task, BooleanSupplier alsoCancelled) {
		this.task = task;
		this.cancelled = alsoCancelled == null ? () -> false : alsoCancelled;
		IJ.resetEscape(); // an Esc pressed before this run must not cancel it
	}

	public ImageJProgress(String task) {
		this(task, null);
	}

	@Override
	public void progress(double fraction, String message) {
		IJ.showProgress(Math.max(0, Math.min(1, fraction)));
		if (message != null) IJ.showStatus(task + ": " + message);
	}

	@Override
	public boolean isCancelled() {
		return IJ.escapePressed() || cancelled.getAsBoolean();
	}

	/** Clears the progress bar; call when the operation ends, also on failure. */
	public void done() {
		IJ.showProgress(1.0);
	}
}
