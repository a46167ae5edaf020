import type { CreateForm, FormExtras } from '../../core/createForm';
import { mustMatch, nameStep, slug } from '../../core/formSteps/names';
import type { Pod } from '../../core/model';
import type { NovitaApi } from './api';
import { billingStep } from './form/billingStep';
import { NovitaCatalog, str } from './form/catalog';
import { create } from './form/create';
import { diskSteps } from './form/diskSteps';
import { novitaEnvStep } from './form/envStep';
import { gpuSteps } from './form/gpuSteps';
import { imageStep } from './form/imageStep';
import { NovitaPrivateImages } from './form/privateImage';
import type { RegistryCredentialOps } from '../../core/registryCredentials';
import type { ImageSaveOps } from '../../core/savedImages';
import { novitaAnswersLike, novitaPrefillOf } from './form/podLike';
import { portSteps } from './form/portSteps';
import { storageStep } from './form/storageStep';
import { summarize } from './form/summary';
import { l10n } from '../../core/l10n';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Novita's create wizard as data. Caches what each step loaded so later steps and create see the same facts. */
export function novitaCreateForm(
  api: NovitaApi,
  creds: RegistryCredentialOps,
  saves: ImageSaveOps,
  extras: FormExtras = {},
): CreateForm<Pod> {
  const cat = new NovitaCatalog(api);
  const priv = new NovitaPrivateImages(creds, saves, extras.savedImages);
  const [gpu, count, cluster] = gpuSteps(cat);
  return {
    fields: [
      gpu,
      count,
      billingStep(cat),
      cluster,
      imageStep(cat, priv),
      priv.step(),
      ...diskSteps(cat),
      ...portSteps(cat),
      storageStep(cat),
      novitaEnvStep(cat),
      nameStep({
        prompt: l10n.t('Instance name'),
        initial: (a) => `${slug(str(cat.product(a)?.name) ?? 'gpu')}-pod`,
        validate: mustMatch(
          NAME,
          l10n.t('Use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit.'),
        ),
      }),
    ],
    summarize: (answers, ctx) => summarize(cat, answers, ctx, priv),
    answersForOffer: (offer, regionId) => ({ productId: offer.id, ...(regionId ? { clusterId: regionId } : {}) }),
    answersLike: novitaAnswersLike,
    prefillOf: novitaPrefillOf,
    create: (answers, ctx) => create(cat, answers, ctx, priv),
  };
}
