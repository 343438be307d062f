// Types for the parts of peers.mjs the TypeScript tests use.
export declare function writeJobDefinitions(jenkinsfiles: string[], dir: string): void;
export declare const YAMLLINT_CONFIG: string;
