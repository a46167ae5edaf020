/**
 * Where the workspace pod spec lives in a workspace folder: under .vscode/ like the other per-folder editor
 * settings. A leaf of its own: activation watches for the file, and must not load the spec's schema to do so.
 */
export const SPEC_PATH = '.vscode/gpu-pods.json';
