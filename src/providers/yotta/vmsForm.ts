import type { CreateForm } from '../../core/createForm';
import { nameStep } from '../../core/formSteps/names';
import type { Pod } from '../../core/model';
import { createThenForgetOnFailure } from './form/stock';
import { VmLookups } from './form/vmLookups';
import { defaultVmName, vmSpec } from './form/vmSpec';
import { vmSteps } from './form/vmSteps';
import { vmSummary } from './form/vmSummary';
import { validateName } from './formInput';
import type { YottaResources } from './resources';
import type { YottaVms } from './vms';

/** The VM wizard: VM type (GPU), region, spot or on-demand, volumes and their paths, name, then the summary. */
export function vmCreateForm(vms: YottaVms, res: YottaResources): CreateForm<Pod> {
  const look = new VmLookups(vms, res);
  return {
    fields: [...vmSteps(look), nameStep({ initial: (a) => defaultVmName(a), validate: (v) => validateName(v) })],

    async summarize(answers) {
      const s = await vmSpec(look, answers);
      return vmSummary(s, await look.type(answers), look.volumeNames);
    },

    async create(answers, ctx) {
      const s = await vmSpec(look, answers);
      // e.g. sold out: the type and region steps must show the new stock when the user goes back
      return createThenForgetOnFailure(
        () => vms.create(s, ctx.signal),
        () => look.forget(),
      );
    },
  };
}
