import { type Answers, answerString, type PickField } from '../../../core/createForm';
import { formatRate } from '../../../core/price';
import { l10n } from '../../../core/l10n';
import { usdPerHour } from '../mapping';
import { type NovitaBillingMode, spotUnits } from '../spot';
import type { NovitaCatalog } from './catalog';

/** The billing mode answered: spot only when picked, on demand otherwise (Novita's default). */
export function billingModeOf(answers: Answers): NovitaBillingMode {
  return answerString(answers, 'billingMode') === 'spot' ? 'spot' : 'onDemand';
}

/** Products asked for spot capacity when spot was picked (list products `billingMethod`). */
export function spotQuery(answers: Answers): { billingMethod?: 'spot' } {
  return billingModeOf(answers) === 'spot' ? { billingMethod: 'spot' } : {};
}

const rate = (perGpu: number | undefined, n: number) =>
  perGpu === undefined ? l10n.t('price unknown') : formatRate(perGpu * n, 'hour');

/**
 * On demand or spot, each with its price for the count picked. Asked for every GPU (a step that appears only for
 * some would make the step counter jump); spot is listed but not pickable where the product does not offer it.
 */
export function billingStep(cat: NovitaCatalog): PickField {
  return {
    kind: 'pick',
    id: 'billingMode',
    title: l10n.t('Billing'),
    async options(a) {
      const p = cat.product(a);
      const n = cat.gpuNum(a);
      const spot = usdPerHour(spotUnits(p));
      return [
        {
          label: l10n.t('On demand'),
          description: rate(usdPerHour(p?.price), n),
          detail: l10n.t('Runs until you stop or delete it.'),
          value: 'onDemand',
          picked: billingModeOf(a) === 'onDemand',
        },
        {
          label: l10n.t('Spot'),
          description: rate(spot, n),
          detail: l10n.t(
            'Cheaper, but Novita can reclaim the pod at any time; GPU Pods warns you as soon as Novita announces it.',
          ),
          value: 'spot',
          picked: billingModeOf(a) === 'spot',
          ...(spot === undefined ? { disabledReason: l10n.t('spot is not offered for this GPU') } : {}),
        },
      ];
    },
  };
}
