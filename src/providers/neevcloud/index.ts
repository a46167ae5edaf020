import type { Provider, ProviderConfig } from '../../core/provider';
import type { ProviderDeps } from '../deps';

export function createNeevCloudProvider(_config: ProviderConfig, _deps: ProviderDeps): Provider {
  throw new Error('NeevCloud provider not implemented yet');
}
