import { createHash } from 'node:crypto';

/**
 * What two API keys are compared by: a SHA-256 of the key, so the comparison keeps no second copy of a
 * secret in memory and nothing that could be logged reads as one.
 */
export function keyFingerprint(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}
