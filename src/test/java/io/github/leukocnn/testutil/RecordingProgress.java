package io.github.leukocnn.testutil;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.github.leukocnn.progress.ProgressListener;

/**
 * A {@link ProgressListener} for tests: records every fraction it is given (thread-safe) and
 * answers {@link #isCancelled()} with a switch the test flips, e.g. after the second unit of work,
 * or that flips itself on a given progress message.
 */
public final class RecordingProgress implements ProgressListener {

	/** Fractions in the order they arrived. */
	public final List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
	private final AtomicBoolean cancelled = new AtomicBoolean();
	private volatile Predicate<String> cancelOn = message -> false;

	@Override
	public void progress(double fraction, String message) {
		fractions.add(fraction);
		if (message != null && cancelOn.test(message)) cancel();
	}

	@Override
	public boolean isCancelled() {
		return cancelled.get();
	}

	/** From now on the operation is asked to stop. */
	public void cancel() {
		cancelled.set(true);
	}

	/** Asks to stop once a progress message matches, e.g. the first one of training. */
	public RecordingProgress cancelOn(Predicate<String> message) {
		cancelOn = message;
		return this;
	}
}
