// The usage error every helper throws for bad or missing arguments (exit 2); its own module so option parsing and the CLI frame share it without a cycle.

/** Bad or missing arguments: exit 2. */
export class HelperUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelperUsageError';
  }
}
