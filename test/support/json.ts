// The one loose type in the suite: JSON a test reads back (helper result files, payloads a stub received, SARIF).
/**
 * The assertions that follow a read are the check of its shape; a declared type would restate what they test,
 * and `unknown` would bury each assertion under casts. Source code has no such type (eslint: no-explicit-any).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReadJson = any;
