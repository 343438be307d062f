// Types for fleet.mjs, so the TypeScript tests can use the benchmark's fleet generator.
export declare function fleetAppName(index: number): string;
export declare function fleetConfig(index: number): string;
export declare function writeFleet(dir: string, count: number): string[];
