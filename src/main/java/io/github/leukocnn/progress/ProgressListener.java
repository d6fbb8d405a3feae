package io.github.leukocnn.progress;

/**
 * Receives progress of a long core operation and says whether it should stop.
 * The core calls it; the ImageJ/SciJava shells forward it to the status bar.
 */
public interface ProgressListener {

	/** A listener that ignores progress and never cancels. */
	ProgressListener NONE = (fraction, message) -> {};

	/**
	 * @param fraction done so far, 0..1
	 * @param message short status text, may be null
	 */
	void progress(double fraction, String message);

	/** Polled between units of work; true stops the operation with {@link CancelledException}. */
	default boolean isCancelled() {
		return false;
	}

	/** Throws {@link CancelledException} if cancellation was requested. */
	default void checkCancelled() {
		if (isCancelled()) throw new CancelledException();
	}

	/** A view on this listener that maps its 0..1 onto [from, to] of the parent range. */
	default ProgressListener subRange(double from, double to) {
		ProgressListener parent = this;
		return new ProgressListener() {
			@Override
			public void progress(double fraction, String message) {
				parent.progress(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
			}

			@Override
			public boolean isCancelled() {
				return parent.isCancelled();
			}
		};
	}
}
