export declare function importGraph(root: string, dirs?: string[]): Map<string, string[]>;
export declare function cyclesOf(graph: Map<string, string[]>): Array<{ files: string[]; path: string[] }>;
export declare function importCycles(root: string): string[];
