package io.github.leukocnn.testutil;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.leukocnn.progress.ProgressListener;

/**
 * A {@link ProgressListener} for tests: records every fraction it is given (thread-safe) and
 * answers {@link #isCancelled()} with a switch the test flips, e.g. after the second unit of work.
 */
public final class RecordingProgress implements ProgressListener {

	/** Fractions in the order they arrived. */
	public final List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
	private final AtomicBoolean cancelled = new AtomicBoolean();

	@Override
	public void progress(double fraction, String message) {
		fractions.add(fraction);
	}

	@Override
	public boolean isCancelled() {
		return cancelled.get();
	}

	/** From now on the operation is asked to stop. */
	public void cancel() {
		cancelled.set(true);
	}
}
