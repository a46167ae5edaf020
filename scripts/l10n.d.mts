export declare function exportStrings(
  root: string,
): Promise<Record<string, string | { message: string; comment: string[] }>>;
export declare function bundleText(strings: Record<string, unknown>): string;
