package io.github.leukocnn.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.github.leukocnn.progress.ProgressListener;

/** Progress of a long command as a line every 10%, so logs stay short. */
final class ConsoleProgress implements ProgressListener {

	private final PrintStream out;
	private int lastDecile = 0;

	ConsoleProgress(PrintStream out) {
		this.out = out;
	}

	@Override
	public synchronized void progress(double fraction, String message) {
		int decile = (int) Math.floor(fraction * 10 + 1e-9);
		if (decile > lastDecile) {
			lastDecile = decile;
			out.printf(Locale.ROOT, "  %3d%% %s%n", decile * 10, message == null ? "" : message);
		}
	}
}
