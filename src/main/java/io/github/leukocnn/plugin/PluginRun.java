package io.github.leukocnn.plugin;

import ij.IJ;
import io.github.leukocnn.progress.CancelledException;

/**
 * Runs the body of a LeukoCNN plugin and reports failures the ImageJ way: an error dialog for an
 * interactive user; in a macro a log line instead (a dialog would stop a batch at the first bad
 * image), and the message stays readable through {@link LeukoCnnMacro#lastError()}.
 */
final class PluginRun {

	private PluginRun() {}

	interface Body {
		void run() throws Exception;
	}

	/** @return true if {@code body} completed */
	static boolean run(String title, Body body) {
		LeukoCnnMacro.setLastError("");
		try {
			body.run();
			return true;
		}
		catch (CancelledException e) {
			IJ.showStatus(title + ": cancelled");
			LeukoCnnMacro.setLastError("cancelled");
			return false;
		}
		catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
			fail(title, e.getMessage());
			return false;
		}
		catch (Exception e) {
			// A bug, not bad input: keep the stack trace for the report.
			String message = e.getClass().getSimpleName() + ": " + e.getMessage();
			LeukoCnnMacro.setLastError(message);
			if (IJ.isMacro()) IJ.log(title + ": " + message);
			IJ.handleException(e);
			return false;
		}
	}

	private static void fail(String title, String message) {
		LeukoCnnMacro.setLastError(message);
		if (IJ.isMacro()) IJ.log(title + ": " + message);
		else IJ.error(title, message);
	}
}
