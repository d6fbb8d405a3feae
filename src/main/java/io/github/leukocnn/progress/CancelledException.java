package io.github.leukocnn.progress;

/** Thrown by core operations when their {@link ProgressListener} asks them to stop. */
public class CancelledException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super("Cancelled by the user");
	}
}
