// The web suite (`npm run test:web`): the main suite with the extension as a web extension, less
// the tests of what needs a process of its own, which the web extension leaves out.

/** Titles of the main suite's tests that the web suite leaves out. */
export const NEEDS_A_PROCESS: readonly RegExp[] = [
  // The command line does the export, in a process of its own; the test reads the file written from this disk.
  /"Export to JSON Lines…" writes/,
];
