import type { EndpointSpec, FieldSpec } from '../spec/types';

/**
 * Novita's usage-based billing, as published (https://novita.ai/docs/api-reference/basic-query-usage-based-billing,
 * both versions of the page: the older one lists six product categories and string fields, the newer one ten
 * categories, a `category` filter, integer times and an example with numbers). Part of spec.ts.
 */
const PAGE = 'https://novita.ai/docs/api-reference/basic-query-usage-based-billing';
const SIBLINGS =
  'https://novita.ai/docs/api-reference/basic-query-monthly-bill and basic-get-user-balance (amounts "unit is 0.0001 USD")';

const str: FieldSpec = { type: 'string' };
const int: FieldSpec = { type: 'integer' };
const intOrString: FieldSpec = { type: 'any', oneOf: [int, str] };
const numberOrString: FieldSpec = { type: 'any', oneOf: [{ type: 'number' }, str] };

const CATEGORIES = [
  'summary',
  'gpu',
  'llm',
  'serverless',
  'cloud_storage',
  'gen_api',
  'cloud_sandbox',
  'llm_dedicated_endpoint',
  'web_search',
  'bare_metal',
] as const;

const billFields: Record<string, FieldSpec> = {
  userId: str,
  startTime: intOrString,
  endTime: intOrString,
  billingMethod: { ...intOrString, decision: '"<string>" in the field table, 1 in the example ("1 = pay-as-you-go")' },
  productName: str,
  category: str,
  ownerID: str,
  billNum0: str,
  billNum1: str,
  basePrice0: str,
  basePrice1: str,
  discountPrice0: str,
  discountPrice1: str,
  amount: str,
  voucherAmount: str,
  payAmount: str,
  payAmountDisplay: numberOrString,
  pricePrecision: numberOrString,
  productId: str,
};

export const billEndpoints: EndpointSpec[] = [
  {
    id: 'billing.bills',
    method: 'GET',
    path: '/billing/bill/list',
    source: `${PAGE}; units: ${SIBLINGS}`,
    decision:
      'Production serves it on https://api.novita.ai/openapi/v1 (the platform root, like the metrics); the simulator ' +
      'keeps one prefix. Not paginated. "Keep each query range within 31 days": a longer range is refused with ' +
      'VALIDATOR_PARAM (the page does not say what happens; refusing is the strict reading). Amounts are strings in ' +
      '1/10,000 USD: the page states no unit, its example pairs amount "10000" with payAmountDisplay 1, and the ' +
      'monthly bill and balance pages state 0.0001 USD. Day, week and month cycles are taken as UTC (the page names ' +
      'no time zone). Bills are per instance (ownerID) and per cycle; an instance bills only while it runs.',
    query: {
      cycleType: { type: 'string', enum: ['Hour', 'Day', 'Week', 'Month'], required: true },
      productCategory: { type: 'string', enum: CATEGORIES, required: true },
      productName: str,
      category: { ...str, decision: 'newer version of the page only ("Product subcategory")' },
      startTime: int,
      endTime: int,
      ownerId: str,
    },
    response: {
      type: 'object',
      fields: { bills: { type: 'array', items: { type: 'object', fields: billFields }, required: true } },
    },
  },
];
