import type { Registry } from './registry.d.mts';

export interface ManifestSetting {
  default?: unknown;
  order?: number;
}

export interface SettingCategory {
  id?: string;
  title?: string;
  order?: number;
  properties?: Record<string, ManifestSetting>;
}

export interface SettingsManifest {
  contributes?: { configuration?: SettingCategory | SettingCategory[] };
}

export declare const CLOUD_CATEGORY: string;
export declare const ADVANCED_CATEGORY: string;
export declare function settingCategories(manifest: SettingsManifest): SettingCategory[];
export declare function contributedSettings(manifest: SettingsManifest): Record<string, ManifestSetting>;
export declare function checkManifest(manifest: SettingsManifest, registry: Registry): string[];
