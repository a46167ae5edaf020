import type { Answers, CreateContext } from '../../../core/createForm';
import { resolveEnvironment } from '../../../core/formSteps/environment';
import type { Pod } from '../../../core/model';
import { mapInstance } from '../mapping';
import type { NovitaCatalog } from './catalog';
import { createBody } from './createBody';
import { ConfigError } from '../../../core/errors';
import { l10n } from '../../../core/l10n';
import type { NovitaPrivateImages } from './privateImage';
import { NOVITA_ENV } from './envStep';

/** Creates once, then reads the instance back; a failed read still reports the instance that now exists. */
export async function create(
  cat: NovitaCatalog,
  answers: Answers,
  ctx: CreateContext,
  priv: NovitaPrivateImages,
): Promise<Pod> {
  // Refused before anything is sent: a private image pulled without a credential fails after billing starts.
  const problem = priv.problem(answers);
  if (problem) throw new ConfigError(l10n.t('Not sent: {0}.', problem));
  const image = await cat.resolveImage(answers);
  // Secret values are read here, for the request, and nowhere else.
  const b = createBody(
    cat,
    answers,
    image,
    priv.credentialId(answers),
    await resolveEnvironment(answers, ctx, NOVITA_ENV),
  );
  const id = await cat.api.createInstance(b, ctx.signal);
  try {
    return mapInstance(await cat.api.getInstance(id, ctx.signal));
  } catch {
    // The instance exists and costs money: never report the create as failed because the follow-up read did.
    return {
      cloud: 'novita',
      kind: 'pod',
      id,
      name: b.name || id,
      status: 'provisioning',
      rawStatus: 'toCreate',
      ports: [],
      details: [],
    };
  }
}
