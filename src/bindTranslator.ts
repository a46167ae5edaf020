import * as vscode from 'vscode';
import { setTranslator } from './core/l10n';

/**
 * Imported first by each bundle that has `vscode` (src/extension.ts, src/gpuPods.ts), so core and cloud code
 * translate through vscode.l10n.t even in constants built while the bundle loads. Each bundle binds its own
 * copy of src/core/l10n; cloud bundles share dist/gpuPods.js's copy (src/core/modules.ts).
 */
setTranslator(vscode.l10n.t);
