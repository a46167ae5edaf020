import { type Answers, answerNumber, answerString } from '../../../core/createForm';
import { CloudRefusal } from '../../../core/errors';
import type { CreateBody, SkuName } from '../api';
import { parsePorts, validatePorts } from './ports';
import { l10n } from '../../../core/l10n';

export const SKUS: SkuName[] = ['payg', 'bidding', 'daily', 'weekly', 'monthly'];
export const PRICE_UNIT: Record<SkuName, 'hour' | 'day' | 'week' | 'month'> = {
  payg: 'hour',
  bidding: 'hour',
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
};

/**
 * The create body from the wizard's answers (shared by dry run and create, so they quote the same thing).
 * Its errors come before any request, so they are refusals: nothing was sent, the wizard may reopen.
 */
export function createBody(answers: Answers): CreateBody {
  const sku = answerString(answers, 'skuName') as SkuName | undefined;
  const gpuName = answerString(answers, 'gpuName');
  const imageId = answerString(answers, 'imageId');
  if (!gpuName || !imageId || !sku || !SKUS.includes(sku)) {
    throw new CloudRefusal(l10n.t('The GPU type, billing kind and image must be chosen first.'), 'INCOMPLETE_FORM');
  }
  const tcp = parsePorts(answerString(answers, 'tcpPorts')) ?? [];
  const http = parsePorts(answerString(answers, 'httpPorts')) ?? [];
  const portError = validatePorts(tcp, http);
  if (portError) throw new CloudRefusal(portError, 'INVALID_PORTS');
  const dcId = answerString(answers, 'dcId');
  return {
    gpuName,
    skuName: sku,
    gpuNum: answerNumber(answers, 'gpuNum') ?? 1,
    imageId,
    dcId: dcId || undefined,
    name: answerString(answers, 'name')?.trim() || undefined,
    systemDiskSize: answerNumber(answers, 'systemDiskSize') ?? 30,
    dataDiskSize: answerNumber(answers, 'dataDiskSize') ?? 20,
    servicePort: tcp.length ? tcp : undefined,
    httpServicePort: http.length ? http : undefined,
  };
}
