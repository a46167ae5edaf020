import type { Provider, ProviderConfig } from '../../core/provider';
import type { ProviderDeps } from '../deps';

export function createYottaProvider(_config: ProviderConfig, _deps: ProviderDeps): Provider {
  throw new Error('Yotta provider not implemented yet');
}
