import assert from 'node:assert/strict';
import type { CreateForm, SummaryLine } from '../../../src/core/createForm';

/**
 * The summary says "select a line to change it": each line that shows an answer must lead to the step that
 * asked it. `expected` maps a line's label to that step's id; every fieldId must name a step of the form.
 */
export function assertSummaryLeadsToSteps(
  form: CreateForm<unknown>,
  lines: readonly SummaryLine[],
  expected: Record<string, string>,
): void {
  const ids = new Set(form.fields.map((f) => f.id));
  for (const line of lines) {
    if (line.fieldId) assert.ok(ids.has(line.fieldId), `"${line.label}" leads to ${line.fieldId}, not a step`);
  }
  const actual = Object.fromEntries(
    Object.keys(expected).map((label) => [label, lines.find((l) => l.label === label)?.fieldId]),
  );
  assert.deepEqual(actual, expected, 'summary lines that lead to no step');
}
