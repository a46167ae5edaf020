/** Every command the extension contributes; a unit test keeps this list and package.json equal. */
export const COMMAND_IDS = [
  'gpuPods.connectCloud',
  'gpuPods.updateKey',
  'gpuPods.editAccount',
  'gpuPods.disconnect',
  'gpuPods.refresh',
  'gpuPods.showLog',
  'gpuPods.createPod',
  'gpuPods.createPodLikeThis',
  'gpuPods.pausePod',
  'gpuPods.resumePod',
  'gpuPods.stopPod',
  'gpuPods.startPod',
  'gpuPods.restartPod',
  'gpuPods.terminatePod',
  'gpuPods.copyPodId',
  'gpuPods.connectRemoteSsh',
  'gpuPods.connectRemoteSshCurrentWindow',
  'gpuPods.connectToPod',
  'gpuPods.openSshTerminal',
  'gpuPods.copySshCommand',
  'gpuPods.openJupyter',
  'gpuPods.copyJupyterUrl',
  'gpuPods.removeStaleSshEntries',
  'gpuPods.showSshIncludeLine',
  'gpuPods.createVolume',
  'gpuPods.renameVolume',
  'gpuPods.resizeVolume',
  'gpuPods.deleteVolume',
  'gpuPods.startEndpoint',
  'gpuPods.stopEndpoint',
  'gpuPods.managePorts',
  'gpuPods.notifyWhenAvailable',
  'gpuPods.showRunningPods',
  'gpuPods.stopAfter',
  'gpuPods.remindAfter',
  'gpuPods.clearIdleTimer',
  'gpuPods.stopWhenIdle',
  'gpuPods.clearIdleRule',
  'gpuPods.deleteWhenStopped',
  'gpuPods.clearStoppedRule',
  'gpuPods.createOnBestOffer',
  'gpuPods.createVm',
  'gpuPods.renameVm',
  'gpuPods.terminateVm',
  'gpuPods.openWalkthrough',
  'gpuPods.manageRegistryCredentials',
  'gpuPods.saveImage',
  'gpuPods.setGpuPrice',
  'gpuPods.createPodFromWorkspaceSpec',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/**
 * Commands of VS Code itself that we run. Listed so that every id we run is typed: a typo in any of them
 * fails the typecheck instead of doing nothing at run time.
 */
export type BuiltInCommandId =
  | 'setContext'
  | 'simpleBrowser.show'
  | 'vscode.openFolder'
  | 'workbench.action.openWalkthrough'
  | 'workbench.extensions.installExtension'
  | 'workbench.action.openSettings'
  // the "focus" command VS Code makes for our view (`gpuPods.pods` in package.json)
  | 'gpuPods.pods.focus';
