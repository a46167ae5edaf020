import { pickEndpoint } from '../pickVolume';
import type { Services } from '../services';

/** Start or stop a serverless endpoint (Yotta). */
export async function startEndpoint(services: Services, arg?: unknown): Promise<void> {
  const { account, provider, endpoint } = await pickEndpoint(services, arg, 'start');
  await provider.endpoints!.start(endpoint.id);
  await services.data.refresh(account.id);
}

export async function stopEndpoint(services: Services, arg?: unknown): Promise<void> {
  const { account, provider, endpoint } = await pickEndpoint(services, arg, 'stop');
  await provider.endpoints!.stop(endpoint.id);
  await services.data.refresh(account.id);
}
