import type { CreateContext } from '../../core/createForm';
import type { Account } from '../../services/accounts';
import type { Services } from '../services';

/**
 * How a create reads a secret environment value (CreateContext.secretValue): from SecretStorage, only while its
 * request is built; from then on the value is one of the account's secrets, scrubbed from every log line and
 * error of the account, even when the cloud echoes it back.
 */
export function envSecretValue(services: Services, account: Account): NonNullable<CreateContext['secretValue']> {
  return async (name) => {
    const value = await services.env.secretValue(name);
    if (value !== undefined) services.providers.secretValues(account.id)?.add(value);
    return value;
  };
}
