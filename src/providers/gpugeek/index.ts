import type { Provider, ProviderConfig } from '../../core/provider';
import type { ProviderDeps } from '../deps';

export function createGpuGeekProvider(_config: ProviderConfig, _deps: ProviderDeps): Provider {
  throw new Error('GPUGeek provider not implemented yet');
}
