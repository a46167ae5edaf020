import { UnexpectedResponseError } from '../../core/errors';
import { l10n } from '../../core/l10n';
import type { BillLine, BillOps } from '../../core/provider';
import { parseWith, zId, zLooseNumber, zMaybe } from '../../core/schema';
import * as z from '../../core/zod';
import type { NovitaApi } from './api';
import { CLOUD } from './errors';

/**
 * Novita's usage-based billing, filtered by instance (api-reference/basic-query-usage-based-billing):
 * `GET /openapi/v1/billing/bill/list?cycleType=Hour|Day&productCategory=gpu&startTime=&endTime=&ownerId=`,
 * on the platform root like the metrics. Not paginated; one query spans at most 31 days. Amounts are strings
 * in 1/10,000 USD: the page's example pairs `amount: "10000"` with `payAmountDisplay: 1`, and Novita's other
 * billing answers (balance, monthly bill) state that unit. `amount` is the bill's total, vouchers included:
 * what the pod cost, whoever paid it.
 */

/** 1/10,000 USD. */
const UNITS_PER_USD = 10_000;
const DAY_MS = 86_400_000;

const zBill = z.object({
  ownerID: zMaybe(zId),
  startTime: zLooseNumber,
  endTime: zLooseNumber,
  amount: zLooseNumber,
});
const zBillList = z.object({ bills: zMaybe(z.array(zBill)) });

export function novitaBills(api: Pick<NovitaApi, 'platformRequest'>): BillOps {
  const what = l10n.t('read the bills');
  return {
    maxRangeMs: 31 * DAY_MS,
    async list({ from, to, podId, per }, signal): Promise<BillLine[]> {
      const res = await api.platformRequest({
        method: 'GET',
        path: '/billing/bill/list',
        query: {
          cycleType: per === 'hour' ? 'Hour' : 'Day',
          productCategory: 'gpu',
          startTime: Math.floor(Math.max(from, to - 31 * DAY_MS) / 1000),
          endTime: Math.floor(to / 1000),
          ownerId: podId,
        },
        what,
        signal,
      });
      if (res.body === undefined || res.body === null)
        throw new UnexpectedResponseError(
          l10n.t('{0} sent an empty answer for {1}.', CLOUD, what),
          `HTTP ${res.status}`,
        );
      const lines: BillLine[] = [];
      for (const bill of parseWith(zBillList, res.body, what).bills ?? []) {
        // A bill that cannot be read makes the sum wrong: the whole answer is refused, never summed in part.
        if (bill.amount === undefined || bill.amount < 0 || bill.startTime === undefined || !bill.ownerID)
          throw new UnexpectedResponseError(
            l10n.t('The cloud sent an unexpected response for {0} ({1}).', what, 'bills[].amount'),
            'a bill without a usable amount, start time or instance',
          );
        // With ownerId the cloud answers for that instance; a line for another is not this pod's.
        if (podId && bill.ownerID !== podId) continue;
        lines.push({
          podId: bill.ownerID,
          start: bill.startTime * 1000,
          end: (bill.endTime ?? bill.startTime) * 1000,
          amountUsd: bill.amount / UNITS_PER_USD,
        });
      }
      return lines;
    },
  };
}
