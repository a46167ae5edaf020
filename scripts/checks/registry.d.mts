import type { CloudSetting } from '../../src/providers/cloudInfo';
import type { Cloud } from '../../src/providers/clouds';

export interface Registry {
  clouds: Record<string, Cloud>;
  cloudSettings: (info: Cloud) => CloudSetting[];
  /** The registry's `import('./<cloud>')` specifiers, in order. */
  imports: string[];
  /** The cloud ids of src/core/cloudIds.ts, in order. */
  ids: string[];
}

export declare const REGISTRY_FILE: string;
export declare const PROVIDERS_DIR: string;
export declare const CLOUD_IDS_FILE: string;
export declare function loadRegistry(root: string): Promise<Registry>;
export declare function cloudFolders(root: string): string[];
export declare function checkRegistry(root: string, registry: Registry): string[];
