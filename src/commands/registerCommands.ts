import type { CommandId } from './commandIds';
import { connectCloud } from './connectCloud';
import { connectToPod } from './connectToPod';
import { copyPodId } from './copyPodId';
import { createOnBestOffer } from './createOnBestOffer';
import { createPod } from './createPod';
import { disconnect } from './disconnect';
import { editAccount } from './editAccount';
import { clearIdleRule, stopWhenIdle } from './idleRuleCommands';
import { clearIdleTimer, remindAfter, stopAfter } from './idleTimerCommands';
import { startEndpoint, stopEndpoint } from './endpointCommands';
import { copyJupyterUrl, openJupyter } from './jupyter';
import { podActionCommand } from './podLifecycle';
import { managePorts } from './managePorts';
import { notifyWhenAvailable } from './notifyWhenAvailable';
import { openWalkthrough } from './openWalkthrough';
import { refresh } from './refresh';
import type { Services } from './services';
import { showLog } from './showLog';
import { showRunningPods } from './showRunningPods';
import { sshCommands } from './sshCommands';
import { updateKey } from './updateKey';
import { createVm, renameVm, terminateVm } from './vmCommands';
import { createVolume, deleteVolume, renameVolume, resizeVolume } from './volumeCommands';

type Handler = (services: Services, arg?: unknown) => unknown;

/**
 * Every command id and its handler; the type makes it list exactly the ids in commandIds.ts. src/startup.ts
 * registers the ids at activation and loads these handlers when one is first run.
 */
export const COMMANDS: Record<CommandId, Handler> = {
  'gpuPods.connectCloud': connectCloud,
  'gpuPods.updateKey': updateKey,
  'gpuPods.editAccount': editAccount,
  'gpuPods.disconnect': disconnect,
  'gpuPods.refresh': refresh,
  'gpuPods.showLog': showLog,
  'gpuPods.createPod': createPod,
  // Pause/Resume and Stop/Start are one action each; the menu shows the cloud's own word.
  'gpuPods.pausePod': (s, a) => podActionCommand(s, a, 'stop', 'pause'),
  'gpuPods.resumePod': (s, a) => podActionCommand(s, a, 'start', 'pause'),
  'gpuPods.stopPod': (s, a) => podActionCommand(s, a, 'stop', 'stop'),
  'gpuPods.startPod': (s, a) => podActionCommand(s, a, 'start', 'stop'),
  'gpuPods.restartPod': (s, a) => podActionCommand(s, a, 'restart'),
  'gpuPods.terminatePod': (s, a) => podActionCommand(s, a, 'terminate'),
  'gpuPods.copyPodId': copyPodId,
  'gpuPods.connectToPod': connectToPod,
  'gpuPods.openJupyter': openJupyter,
  'gpuPods.copyJupyterUrl': copyJupyterUrl,
  'gpuPods.createVolume': createVolume,
  'gpuPods.renameVolume': renameVolume,
  'gpuPods.resizeVolume': resizeVolume,
  'gpuPods.deleteVolume': deleteVolume,
  'gpuPods.startEndpoint': startEndpoint,
  'gpuPods.stopEndpoint': stopEndpoint,
  'gpuPods.managePorts': managePorts,
  'gpuPods.notifyWhenAvailable': notifyWhenAvailable,
  'gpuPods.showRunningPods': showRunningPods,
  'gpuPods.stopAfter': stopAfter,
  'gpuPods.remindAfter': remindAfter,
  'gpuPods.clearIdleTimer': clearIdleTimer,
  'gpuPods.stopWhenIdle': stopWhenIdle,
  'gpuPods.clearIdleRule': clearIdleRule,
  'gpuPods.createOnBestOffer': createOnBestOffer,
  'gpuPods.createVm': createVm,
  'gpuPods.renameVm': renameVm,
  'gpuPods.terminateVm': terminateVm,
  'gpuPods.openWalkthrough': openWalkthrough,
  ...sshCommands,
};
