import { type Answers, answerNumber, answerStrings, answerString } from '../../../core/createForm';
import { CloudError } from '../../../core/errors';
import type { ResolvedEnvironment } from '../../../core/formSteps/environment';
import type { CreateInstanceBody } from '../api';
import { formatPorts, JUPYTER_PORT, parsePorts } from '../ports';
import { billingModeOf } from './billingStep';
import type { NovitaCatalog } from './catalog';

/**
 * The create body from the answers, the resolved image and, for the create itself, the resolved environment
 * (the summary builds it without: it shows the environment from the answers, secrets masked).
 */
export function createBody(
  cat: NovitaCatalog,
  answers: Answers,
  image: { imageUrl: string; command: string },
  /** The registry credential (Novita repository auth id) a private image is pulled with. */
  imageAuthId?: string,
  env?: ResolvedEnvironment,
): CreateInstanceBody {
  const jupyter = answers.jupyter !== false;
  const parsed = parsePorts(answerString(answers, 'ports') ?? '', cat.toolPorts(answers));
  if (!parsed.ok) throw new CloudError(parsed.error, 'INVALID_PORTS');
  const diskSize = answerNumber(answers, 'diskSize') ?? 0;
  const storages = answerStrings(answers, 'networkStorages');
  const out: CreateInstanceBody = {
    name: (answerString(answers, 'name') ?? '').trim(),
    productId: answerString(answers, 'productId') ?? '',
    gpuNum: cat.gpuNum(answers),
    rootfsSize: answerNumber(answers, 'rootfsSize') ?? cat.rootLimits(answers).min,
    diskSize,
    imageUrl: image.imageUrl,
    ports: formatPorts(parsed.ports),
    command: env?.command ?? image.command,
    kind: 'gpu',
    billingMode: billingModeOf(answers),
  };
  if (imageAuthId) out.imageAuthId = imageAuthId;
  const cluster = answerString(answers, 'clusterId');
  if (cluster) out.clusterId = cluster;
  if (jupyter) out.tools = [{ name: 'Jupyter', port: String(JUPYTER_PORT), type: 'http' }];
  if (diskSize > 0) out.localStorageMountPoint = '/workspace';
  if (env?.vars.length) out.envs = env.vars;
  if (env?.entrypoint) out.entrypoint = env.entrypoint;
  if (storages.length) out.networkStorages = storages.map((Id, i) => ({ Id, mountPoint: `/network_${i}` }));
  return out;
}
