// The package version, injected by the bundler; the library version generated Jenkinsfiles pin.
import { createRequire } from 'node:module';

declare const __PIPEWRIGHT_VERSION__: string | undefined;

export const VERSION: string =
  typeof __PIPEWRIGHT_VERSION__ === 'string' ? __PIPEWRIGHT_VERSION__ : (createRequire(import.meta.url)('../package.json') as { version: string }).version;
