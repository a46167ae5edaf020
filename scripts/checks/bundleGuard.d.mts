export declare const MAIN_OUTPUTS: string[];
export declare const SSH_OUTPUT: string;
export declare function cloudOutput(id: string): string;
export declare function guardBundles(
  metafile: { outputs: Record<string, { inputs: Record<string, unknown> }> },
  clouds: string[],
): string[];
