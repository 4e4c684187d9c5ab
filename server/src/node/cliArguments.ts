// What the commands share about their arguments.

/** A mistake in the command line: reported in one line with the usage, exit status 2. */
export class UsageError extends Error {}
