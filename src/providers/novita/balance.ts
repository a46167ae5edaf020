import type { AccountBalance } from '../../core/balance';
import { UnexpectedResponseError } from '../../core/errors';
import { l10n } from '../../core/l10n';
import { CLOUD } from './errors';
import type { RawBalanceDetail } from './schemas';

/** The billing API's unit: 1/10,000 USD ("10000 = $1.00", basic-get-user-balance). Instance prices use another. */
const UNITS_PER_USD = 10_000;

/**
 * An amount of the billing API in dollars: "1000000" → 100, "-12345" → -1.2345. Anything but a plain number
 * (a word, an empty string, a missing field) is undefined, never 0.
 */
export function usdFromBalanceUnits(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const units = Number(text);
  return Number.isFinite(units) ? units / UNITS_PER_USD : undefined;
}

/** The balance answer in dollars; without a readable `availableBalance` there is no balance to show. */
export function mapBalance(raw: RawBalanceDetail): AccountBalance {
  const availableUsd = usdFromBalanceUnits(raw.availableBalance);
  if (availableUsd === undefined)
    throw new UnexpectedResponseError(
      l10n.t('{0} sent a balance GPU Pods cannot read.', CLOUD),
      `availableBalance ${JSON.stringify(raw.availableBalance)}`,
    );
  const balance: AccountBalance = { availableUsd };
  const cashUsd = usdFromBalanceUnits(raw.cashBalance);
  const creditLimitUsd = usdFromBalanceUnits(raw.creditLimit);
  const owedUsd = usdFromBalanceUnits(raw.outstandingInvoices);
  if (cashUsd !== undefined) balance.cashUsd = cashUsd;
  if (creditLimitUsd !== undefined) balance.creditLimitUsd = creditLimitUsd;
  if (owedUsd !== undefined) balance.owedUsd = owedUsd;
  return balance;
}
