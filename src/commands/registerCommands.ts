import type { CommandId } from '../workbench/commandIds';
import { connectCloud } from './accounts/connectCloud';
import { connectToPod } from './ssh/connectToPod';
import { copyPodId } from './pods/copyPodId';
import { createOnBestOffer } from './offers/createOnBestOffer';
import { createPod } from './pods/createPod';
import { createPodLikeThis } from './pods/createPodLikeThis';
import { createFromWorkspaceSpec } from './spec/createFromWorkspaceSpec';
import { disconnect } from './accounts/disconnect';
import { editAccount } from './accounts/editAccount';
import { clearIdleRule, stopWhenIdle } from './idle/idleRuleCommands';
import { clearIdleTimer, remindAfter, stopAfter } from './idle/idleTimerCommands';
import { clearStoppedRule, deleteWhenStopped } from './idle/stoppedRuleCommands';
import { startEndpoint, stopEndpoint } from './endpoints/endpointCommands';
import { copyJupyterUrl, openJupyter } from './jupyter/jupyter';
import { podActionCommand } from './pods/podLifecycle';
import { managePorts } from './pods/managePorts';
import { manageRegistryCredentials } from './images/manageCredentials';
import { saveImage } from './images/saveImage';
import { notifyWhenAvailable } from './offers/notifyWhenAvailable';
import { openWalkthrough } from './help/openWalkthrough';
import { refresh } from './accounts/refresh';
import type { Services } from './services';
import { showLog } from './help/showLog';
import { setGpuPriceCommand } from './pods/setGpuPrice';
import { showRunningPods } from './pods/showRunningPods';
import { sshCommands } from './ssh/sshCommands';
import { updateKey } from './accounts/updateKey';
import { createVm, renameVm, terminateVm } from './vms/vmCommands';
import { createVolume, deleteVolume, renameVolume, resizeVolume } from './storage/volumeCommands';

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
  'gpuPods.createPodLikeThis': createPodLikeThis,
  'gpuPods.createPodFromWorkspaceSpec': createFromWorkspaceSpec,
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
  'gpuPods.deleteWhenStopped': deleteWhenStopped,
  'gpuPods.clearStoppedRule': clearStoppedRule,
  'gpuPods.createOnBestOffer': createOnBestOffer,
  'gpuPods.createVm': createVm,
  'gpuPods.renameVm': renameVm,
  'gpuPods.terminateVm': terminateVm,
  'gpuPods.openWalkthrough': openWalkthrough,
  'gpuPods.manageRegistryCredentials': manageRegistryCredentials,
  'gpuPods.saveImage': saveImage,
  'gpuPods.setGpuPrice': setGpuPriceCommand,
  ...sshCommands,
};
