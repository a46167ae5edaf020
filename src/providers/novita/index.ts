import type { Provider, ProviderConfig } from '../../core/provider';
import type { ProviderDeps } from '../deps';

export function createNovitaProvider(_config: ProviderConfig, _deps: ProviderDeps): Provider {
  throw new Error('Novita provider not implemented yet');
}
