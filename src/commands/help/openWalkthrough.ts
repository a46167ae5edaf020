import type { Services } from '../services';

/** The walkthrough's own id (`contributes.walkthroughs` in package.json). */
const WALKTHROUGH = 'gpuPods.gettingStarted';

/**
 * Opens the Get Started walkthrough. VS Code knows it as `<publisher>.<name>#<id>`; the first half comes from
 * the running extension, so a link to it cannot go stale when the publisher id changes.
 */
export function openWalkthrough(services: Services): Thenable<unknown> {
  return services.workbench.executeCommand(
    'workbench.action.openWalkthrough',
    `${services.context.extension.id}#${WALKTHROUGH}`,
    false,
  );
}
